// The secrets-scan engine: rules in, matches out. See scan-text.ts for how a text is scanned.
export { compileRules, DEFAULT_WINDOW_CHARS, MIN_KEYWORD_LENGTH } from './compile-rules.js';
export type { CompiledRule, CompiledRules, CompileRulesOptions, EngineRule, ExplainFalsePositive } from './compile-rules.js';
export { customRuleToSecretRule, findUnboundedQuantifier } from './custom-rule.js';
export type { CustomRuleSpec } from './custom-rule.js';
export { KeywordMatcher } from './keyword-matcher.js';
export { loadRuleSet } from './rule-set.js';
export type { RuleSetSpec } from './rule-set.js';
export { scanText, MAX_MATCHES_PER_TEXT, MAX_LINE_TEXT_CHARS } from './scan-text.js';
export type { ScanTextOptions, ScanTextResult, ScanTruncation, TruncationCause } from './scan-text.js';
export { scanFiles, DEFAULT_FILE_TIME_BUDGET_MS } from './scan-files.js';
export type { ScanFilesOptions, ScanFilesResult } from './scan-files.js';
export type { FileToScan } from './scan-file.js';
export { shannonEntropy } from './entropy.js';
