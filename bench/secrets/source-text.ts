/**
 * Realistic filler for generated source files: identifiers, comments and
 * statements in the languages a repository holds, and how each language
 * assigns a value to a name. Shared by the accuracy corpus and the
 * throughput corpus.
 */
import type { Rng } from './random.js';

export type Lang = 'ts' | 'js' | 'py' | 'go' | 'java' | 'yaml' | 'json' | 'env' | 'tf' | 'md' | 'sh' | 'properties';

const WORDS = [
  'user', 'account', 'order', 'invoice', 'payment', 'session', 'cache', 'queue', 'worker', 'handler', 'request', 'response',
  'client', 'server', 'config', 'options', 'retry', 'timeout', 'batch', 'item', 'product', 'cart', 'customer', 'tenant',
  'project', 'build', 'deploy', 'release', 'metric', 'event', 'message', 'channel', 'report', 'export', 'import', 'schema',
  'record', 'field', 'index', 'page', 'cursor', 'limit', 'offset', 'filter', 'query', 'result', 'status', 'state', 'store',
  'profile', 'avatar', 'email', 'address', 'region', 'zone', 'bucket', 'object', 'file', 'upload', 'download', 'stream',
];
const VERBS = ['get', 'load', 'fetch', 'build', 'parse', 'create', 'update', 'delete', 'find', 'list', 'validate', 'render', 'send', 'sync', 'apply', 'resolve', 'format', 'merge'];
const COMMENTS = [
  'Retry once: the upstream API returns 502 while it scales up.',
  'Keep the order stable so snapshots do not churn.',
  'TODO(ops): move this to the shared config once the migration lands.',
  'The cursor is opaque; never parse it.',
  'Batch size tuned for the 6 MB Lambda payload limit.',
  'See the incident review for why this is idempotent.',
  'Deprecated: use the v2 endpoint for new callers.',
  'Normalise to lower case before comparing; emails are case-insensitive here.',
  'Cache for five minutes: the pricing table changes at most hourly.',
  'This runs on every request, so keep it allocation-free.',
  'Time zones: store UTC, render in the tenant zone.',
  'FIXME: pagination breaks past 10k rows on the legacy backend.',
];

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

export function identifier(r: Rng): string {
  return r.pick(VERBS) + cap(r.pick(WORDS)) + (r.chance(0.4) ? cap(r.pick(WORDS)) : '');
}

export function noun(r: Rng): string {
  return r.pick(WORDS) + (r.chance(0.5) ? cap(r.pick(WORDS)) : '');
}

export function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}

export function upperSnake(name: string): string {
  return snake(name).toUpperCase();
}

export function camel(name: string): string {
  const parts = snake(name).split('_').filter(Boolean);
  return parts.map((p, i) => (i === 0 ? p : cap(p))).join('');
}

export function comment(r: Rng): string {
  return r.pick(COMMENTS);
}

/** One statement or a few lines of ordinary code in `lang`. */
export function fillerLines(r: Rng, lang: Lang): string[] {
  const id = identifier(r);
  const n = noun(r);
  const N = cap(n);
  switch (lang) {
    case 'ts':
    case 'js': {
      const t = lang === 'ts';
      return r.pick([
        () => [`// ${comment(r)}`],
        () => [`export async function ${id}(${n}Id${t ? ': string' : ''}, options${t ? `: ${N}Options` : ''} = {})${t ? `: Promise<${N} | undefined>` : ''} {`, `  const response = await client.get(\`/api/v${r.int(1, 3)}/${snake(n)}s/\${${n}Id}\`, { timeout: ${r.int(1, 30) * 1000} });`, `  if (response.status === 404) return undefined;`, `  return parse${N}(response.data, options);`, '}', ''],
        () => [`const ${camel(n)}Limit = ${r.int(1, 500)};`],
        () => [`import { ${id} } from '../${snake(n).replace(/_/g, '-')}/${r.pick(['index', 'service', 'store'])}.js';`],
        () => [`  if (!${n}.${r.pick(['id', 'status', 'items'])}) {`, `    throw new Error('${N} ${r.pick(['not found', 'is invalid', 'was deleted'])}: ' + ${n}.id);`, '  }'],
        () => [`export const ${upperSnake(n)}_TTL_MS = ${r.int(1, 60)} * 60 * 1000;`],
        () => [`  logger.info('${id} finished', { count: ${n}s.length, elapsedMs: Date.now() - started });`],
        () => [t ? `export interface ${N} {` : `/** @typedef {object} ${N} */`, ...(t ? [`  id: string;`, `  createdAt: Date;`, `  ${camel(r.pick(WORDS))}?: number;`, '}'] : []), ''],
        () => [`  const ${camel(n)} = items.filter((item) => item.${r.pick(['active', 'visible', 'enabled'])}).map((item) => item.${r.pick(['id', 'name', 'key'])});`],
      ])();
    }
    case 'py':
      return r.pick([
        () => [`# ${comment(r)}`],
        () => [`def ${snake(id)}(${snake(n)}_id: str, *, timeout: float = ${r.int(1, 30)}.0) -> dict:`, `    """${cap(r.pick(VERBS))} the ${n.toLowerCase()} from the API."""`, `    response = session.get(f"{BASE_URL}/${snake(n)}s/{${snake(n)}_id}", timeout=timeout)`, `    response.raise_for_status()`, `    return response.json()`, ''],
        () => [`${upperSnake(n)}_BATCH_SIZE = ${r.int(10, 1000)}`],
        () => [`from .${snake(n)} import ${cap(camel(id))}`],
        () => [`    for ${snake(n)} in ${snake(n)}s:`, `        if not ${snake(n)}.get("${r.pick(['active', 'id', 'name'])}"):`, `            continue`, `        results.append(${snake(id)}(${snake(n)}))`],
        () => [`logger.info("processed %d ${snake(n)}s in %.2fs", count, time.monotonic() - started)`],
      ])();
    case 'go':
      return r.pick([
        () => [`// ${comment(r)}`],
        () => [`func ${cap(id)}(ctx context.Context, id string) (*${N}, error) {`, `\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/${snake(n)}s/"+id, nil)`, `\tif err != nil {`, `\t\treturn nil, fmt.Errorf("${snake(id).replace(/_/g, ' ')}: %w", err)`, '\t}', `\treturn decode${N}(req)`, '}', ''],
        () => [`\t${camel(n)}Count := len(${camel(n)}s)`],
        () => [`type ${N} struct {`, `\tID        string    \`json:"id"\``, `\tCreatedAt time.Time \`json:"created_at"\``, '}', ''],
      ])();
    case 'java':
      return r.pick([
        () => [`    // ${comment(r)}`],
        () => [`    public Optional<${N}> ${id}(String id) {`, `        return repository.findById(id).filter(${n} -> ${n}.is${cap(r.pick(['active', 'visible', 'enabled']))}());`, '    }', ''],
        () => [`    private static final int ${upperSnake(n)}_LIMIT = ${r.int(10, 1000)};`],
        () => [`        log.debug("${id} took {} ms", System.currentTimeMillis() - started);`],
      ])();
    case 'yaml':
      return r.pick([
        () => [`# ${comment(r)}`],
        () => [`${snake(n)}:`, `  enabled: ${r.pick(['true', 'false'])}`, `  replicas: ${r.int(1, 12)}`, `  timeout: ${r.int(1, 60)}s`],
        () => [`  - name: ${snake(id).replace(/_/g, '-')}`, `    image: ghcr.io/acme/${snake(n).replace(/_/g, '-')}:${r.int(1, 9)}.${r.int(0, 30)}.${r.int(0, 9)}`],
        () => [`${snake(n)}_url: https://${snake(n).replace(/_/g, '-')}.internal.acme.io/v${r.int(1, 3)}`],
      ])();
    case 'json':
      return [`  "${camel(n)}${cap(r.pick(WORDS))}": ${r.pick([String(r.int(0, 5000)), 'true', 'false', `"${snake(id).replace(/_/g, '-')}"`])},`];
    case 'env':
      return r.pick([() => [`# ${comment(r)}`], () => [`${upperSnake(n)}_${r.pick(['HOST', 'PORT', 'ENABLED', 'REGION', 'LOG_LEVEL'])}=${r.pick(['localhost', String(r.int(1000, 9999)), 'true', 'eu-west-1', 'info'])}`]])();
    case 'tf':
      return r.pick([
        () => [`# ${comment(r)}`],
        () => [`resource "aws_s3_bucket" "${snake(n)}" {`, `  bucket = "acme-${snake(n).replace(/_/g, '-')}-\${var.environment}"`, `  tags   = local.common_tags`, '}', ''],
        () => [`variable "${snake(n)}_count" {`, `  type    = number`, `  default = ${r.int(1, 9)}`, '}', ''],
      ])();
    case 'md':
      return r.pick([
        () => [`${cap(comment(r))}`, ''],
        () => [`## ${cap(n.replace(/([A-Z])/g, ' $1').toLowerCase())}`, ''],
        () => [`- \`${id}\`: ${r.pick(VERBS)}s the ${n.toLowerCase()} and returns it.`],
      ])();
    case 'sh':
      return r.pick([() => [`# ${comment(r)}`], () => [`echo "==> ${id}"`], () => [`${snake(n)}_dir="\${ROOT}/${snake(n)}"`, `mkdir -p "\${${snake(n)}_dir}"`]])();
    case 'properties':
      return [`${snake(n).replace(/_/g, '.')}.${r.pick(['timeout', 'enabled', 'pool-size'])}=${r.pick([String(r.int(1, 200)), 'true', 'false'])}`];
  }
}

/** `name = value` the way `lang` writes it, as one line. */
export function renderAssignment(r: Rng, lang: Lang, name: string, value: string): string {
  switch (lang) {
    case 'ts':
    case 'js':
      return r.chance(0.5) ? `const ${camel(name)} = '${value}';` : `  ${camel(name)}: "${value}",`;
    case 'py':
      return r.chance(0.6) ? `${upperSnake(name)} = "${value}"` : `    "${snake(name)}": '${value}',`;
    case 'go':
      return `\t${camel(name)} = "${value}"`;
    case 'java':
      return `    private static final String ${upperSnake(name)} = "${value}";`;
    case 'yaml':
      return r.chance(0.5) ? `  ${upperSnake(name)}: ${value}` : `  ${snake(name)}: "${value}"`;
    case 'json':
      return `  "${camel(name)}": "${value}",`;
    case 'env':
      return `${upperSnake(name)}=${value}`;
    case 'tf':
      return `  ${snake(name)} = "${value}"`;
    case 'md':
    case 'sh':
      return `export ${upperSnake(name)}="${value}"`;
    case 'properties':
      return `${snake(name).replace(/_/g, '.')}=${value}`;
  }
}

/** A line that looks like a credential lookup but holds none: the value comes from the environment or a secret store. */
export function renderEnvReference(r: Rng, lang: Lang, name: string): string {
  const N = upperSnake(name);
  switch (lang) {
    case 'ts':
    case 'js':
      return `const ${camel(name)} = process.env.${N}${r.chance(0.5) ? " ?? ''" : ''};`;
    case 'py':
      return r.chance(0.5) ? `${N} = os.environ["${N}"]` : `${N} = os.getenv("${N}", "")`;
    case 'go':
      return `\t${camel(name)} := os.Getenv("${N}")`;
    case 'java':
      return `    private final String ${camel(name)} = System.getenv("${N}");`;
    case 'yaml':
      return r.chance(0.5) ? `  ${N}: \${{ secrets.${N} }}` : `  ${snake(name)}: \${${N}}`;
    case 'json':
      return `  "${camel(name)}": "\${${N}}",`;
    case 'env':
      return `${N}=\${${N}_FROM_VAULT}`;
    case 'tf':
      return `  ${snake(name)} = var.${snake(name)}`;
    case 'md':
    case 'sh':
      return `export ${N}="$(vault kv get -field=value secret/${snake(name)})"`;
    case 'properties':
      return `${snake(name).replace(/_/g, '.')}=\${${N}}`;
  }
}

/** The comment syntax of `lang` (for PEM blocks embedded in string literals). */
export function lineComment(lang: Lang): string {
  return lang === 'py' || lang === 'yaml' || lang === 'env' || lang === 'tf' || lang === 'sh' || lang === 'properties' ? '#' : '//';
}

export function sha512Integrity(r: Rng): string {
  return `sha512-${r.bytes(64).toString('base64')}`;
}

export function randomBase64(r: Rng, bytes: number): string {
  return r.bytes(bytes).toString('base64');
}

