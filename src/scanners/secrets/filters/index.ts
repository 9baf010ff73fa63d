export { shannonEntropy } from './entropy.js';
export { isPlaceholder, isSequentialOrRepeated } from './placeholder.js';
export { looksLikeHashOrUuid, isIntegrityString } from './hash-like.js';
export { DOCUMENTED_EXAMPLE_KEYS, findDocumentedExampleKey, isDocumentedExampleKey } from './example-keys.js';
export type { DocumentedExampleKey } from './example-keys.js';
export { isTestFixturePath, isLockfilePath, isSourceCodePath } from './paths.js';
export {
  looksLikeReference,
  looksLikeNaturalLanguage,
  describeNonSecretLiteral,
  isEncryptedValue,
  hasCheckedVendorFormat,
} from './value-shape.js';
export { explainFalsePositive } from './explain.js';
export type { MatchToExplain } from './explain.js';
