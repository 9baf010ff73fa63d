import type { SecretRule } from '../../rule.js';
import { shannonEntropy } from '../../filters/entropy.js';
import { isPlaceholder, isSequentialOrRepeated } from '../../filters/placeholder.js';
import { decodeBase64, isPrintableText } from './decode.js';

/**
 * Values under `data:` (base64) and `stringData:` (plain) of a YAML manifest
 * with `kind: Secret`. One match per entry, so each value has its own
 * location. `kind:` may come before the data (hand-written manifests) or after
 * it (`kubectl get -o yaml` sorts keys: apiVersion, data, kind, metadata).
 * Only top-level `kind:`/`data:` keys are recognised (not Secrets nested in a
 * `List` or a Helm template's conditionals).
 */

/** One line, newline included. Long enough for a base64 certificate chain on one line. */
const LINE = String.raw`[^\r\n]{0,16384}\r?\n`;
/** An indented line: one space or tab, then anything. One way to match it, so failing is linear. */
const INDENTED_LINE = String.raw`[ \t][^\r\n]{0,16384}\r?\n`;
const KIND_SECRET = String.raw`kind:[ \t]{0,4}["']?Secret["']?[ \t]{0,64}(?:#[^\r\n]{0,512})?`;
/**
 * How many lines apart `kind:` and the data block may be (metadata, labels,
 * annotations), and how many entries a data block may have before the one
 * found. Each entry looks back over these lines, so they bound the work per
 * entry: larger blocks are rare, and their later entries are missed.
 */
const MAX_LINES_APART = 64;
const MAX_DATA_LINES = 64;

function entryPattern(block: 'data' | 'stringData', value: string): RegExp {
  const header = String.raw`${block}:[ \t]{0,8}\r?\n`;
  const dataAbove = String.raw`(?:^|\n)${header}(?:${INDENTED_LINE}){0,${MAX_DATA_LINES}}`;
  const kindAbove = String.raw`(?<=(?:^|\n)${KIND_SECRET}\r?\n(?:(?!---)${LINE}){0,${MAX_LINES_APART}}${header}(?:${INDENTED_LINE}){0,${MAX_DATA_LINES}})`;
  const kindBelow = String.raw`(?<=${dataAbove})(?=(?:(?!---)${LINE}){0,${MAX_LINES_APART + MAX_DATA_LINES}}${KIND_SECRET}(?:\r?\n|$))`;
  // The cheap line-start and entry-shape checks come first, so the look-backs run only on entry lines.
  const entryAhead = String.raw`(?<=\n)(?=[ \t]{1,16}[A-Za-z0-9._-]{1,253}:[ \t]{1,8}["']?${value})`;
  return new RegExp(
    String.raw`${entryAhead}(?:${kindAbove}|${kindBelow})[ \t]{1,16}(?<key>[A-Za-z0-9._-]{1,253}):[ \t]{1,8}(?<quote>["']?)(?<secret>${value})\k<quote>[ \t]{0,8}(?=\r?\n|$)`,
  );
}

/** Keys whose values are not secret: identifiers, addresses and public certificates. */
const NON_SECRET_KEY = /(?:^|[._-])(?:user(?:name)?|login|email|host(?:name)?|port|database|db|dbname|name|schema|endpoint|url|uri|region|namespace|cluster|bucket|crt|cer|pub|cert|certificate)$/i;

function isReportableValue(key: string | undefined, text: string): boolean {
  if (key === undefined || NON_SECRET_KEY.test(key)) return false;
  const value = text.trim();
  return value.length >= 4 && !isPlaceholder(value) && !isSequentialOrRepeated(value) && shannonEntropy(value) >= 2.0;
}

const manifest = (data: string, kindFirst = true): string =>
  kindFirst
    ? `apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\n  namespace: prod\ntype: Opaque\n${data}`
    : `apiVersion: v1\n${data}kind: Secret\nmetadata:\n  name: billing-db\ntype: Opaque\n`;

const kubernetesData: SecretRule = {
  id: 'kubernetes-secret-data',
  title: 'Kubernetes Secret manifest value (data)',
  provider: 'Kubernetes',
  keywords: ['kind: secret', 'kind: "secret"', "kind: 'secret'"],
  pattern: entryPattern('data', '[A-Za-z0-9+/]{4,16384}={0,2}'),
  // The manifest may run long before or after the keyword.
  window: { before: 32_768, after: 32_768 },
  confidence: 'medium',
  severity: 'high',
  verify: (secret, groups) => {
    const bytes = decodeBase64(secret);
    if (!bytes || bytes.length < 4) return false;
    // Binary values (keystores) count; text values must not be placeholders like `cGFzc3dvcmQ=` ("password").
    return isPrintableText(bytes) ? isReportableValue(groups['key'], bytes.toString('utf8')) : groups['key'] !== undefined && !NON_SECRET_KEY.test(groups['key']);
  },
  remediation: {
    revoke:
      'Base64 in a Secret is encoding, not encryption: rotate every credential the manifest holds, then keep the manifest out of the repository (Sealed Secrets, SOPS or External Secrets).',
    docsUrl: 'https://kubernetes.io/docs/concepts/configuration/secret/',
  },
  examples: {
    positive: [
      manifest(`data:\n  password: ${Buffer.from('Vq7#Lp2zXm9!Rk4t').toString('base64')}\n  username: ${Buffer.from('billing').toString('base64')}\n`),
      manifest(`data:\n  api-token: "${Buffer.from('t0k-8fJ2kQ9zLx4mWp7Rv1Ns').toString('base64')}"\n`, false),
    ],
    negative: [
      manifest(`data:\n  password: ${Buffer.from('password').toString('base64')}\n  empty: Cg==\n`),
      manifest(`data:\n  username: ${Buffer.from('svc-billing-prod').toString('base64')}\n`),
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  token: ${Buffer.from('Vq7#Lp2zXm9!Rk4t').toString('base64')}\n`,
      `kind: Secret\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  key: ${Buffer.from('Vq7#Lp2zXm9!Rk4t').toString('base64')}\n`,
    ],
  },
};

const kubernetesStringData: SecretRule = {
  ...kubernetesData,
  id: 'kubernetes-secret-string-data',
  title: 'Kubernetes Secret manifest value (stringData)',
  pattern: entryPattern('stringData', String.raw`[^\s"'#|>&*!%@\`][^\r\n"']{0,1023}`),
  verify: (secret, groups) => isReportableValue(groups['key'], secret.trimEnd()),
  examples: {
    positive: [manifest('stringData:\n  DB_PASSWORD: "Vq7#Lp2zXm9!Rk4t"\n')],
    negative: [manifest('stringData:\n  DB_PASSWORD: ${DB_PASSWORD}\n  DB_USER: billing\n  DB_HOST: db.prod.internal\n')],
  },
};

export const KUBERNETES_RULES: readonly SecretRule[] = [kubernetesData, kubernetesStringData];
