/**
 * The finding as policy conditions see it: the `finding` variable of a CEL
 * condition (`when.cel`). Policies are written against these names, so they
 * are a public contract: add fields, never rename or retype one.
 *
 * | field               | CEL type          | value                                                              |
 * | ------------------- | ----------------- | ------------------------------------------------------------------ |
 * | tool                | string            | SARIF `tool.driver.name`, lower-cased ("semgrep", "codeql", "devsecops") |
 * | ruleId              | string            | the rule id as the tool wrote it ("python.django.security.x", "js/xss") |
 * | severity            | double            | 0–10 score, GitHub's `security-severity` scale (`finding.severity >= 7.0`) |
 * | level               | string            | the band of that score: "critical", "high", "medium", "low" or "note" |
 * | tags                | list(string)      | the rule's and the result's tags, as written (`"security" in finding.tags`) |
 * | path                | string            | repository-relative path with "/"; "" when the finding has no file |
 * | line                | int               | 1-based start line; 0 when the finding has no file                 |
 * | new                 | bool              | true only when the result's baselineState is "new"                 |
 * | message             | string            | the result's message text                                          |
 * | fingerprint         | string            | the finding's stable fingerprint (what exceptions match)           |
 * | package.ecosystem   | string            | OSV ecosystem name ("npm", "PyPI"); "" when not about a package    |
 * | package.name        | string            | package name; ""                                                   |
 * | package.version     | string            | affected version; ""                                               |
 * | package.purl        | string            | package URL; ""                                                    |
 * | advisory.id         | string            | advisory id ("GHSA-…", "CVE-…"); "" when there is none             |
 * | advisory.aliases    | list(string)      | the advisory's other ids; []                                       |
 * | properties          | map(string, dyn)  | extra data from the SARIF result and the producer (JSON values)    |
 *
 * Absent things are empty values, not missing fields: in CEL, selecting a field
 * that is not there is an error, so `finding.package.name == "lodash"` would
 * fail on every finding that is not about a package. With empty strings it is
 * simply false; test for presence with `finding.package.name != ""`. `has()`
 * is true for every declared field. `properties` is the one open map: its keys
 * depend on the tool, so guard them with `has(finding.properties.precision)`
 * or `"precision" in finding.properties`. JSON numbers in it are doubles, as in
 * protobuf's Struct.
 */
import { z } from 'zod';
import type { Finding } from '../../core/findings.js';
import { SEVERITIES, severitySchema } from '../../core/severity.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);

export const policyPackageSchema = z.strictObject({
  ecosystem: z.string().describe('The OSV ecosystem ("npm", "PyPI", "Go"…); "" when the finding is not about a package.'),
  name: z.string().describe('The package name; "" when the finding is not about a package.'),
  version: z.string().describe('The affected version; "" when unknown.'),
  purl: z.string().describe('The package URL ("pkg:npm/lodash@4.17.20"); "" when unknown.'),
});

export const policyAdvisorySchema = z.strictObject({
  id: z.string().describe('The advisory id (GHSA-…, CVE-…, PYSEC-…); "" when there is none.'),
  aliases: z.array(z.string()).describe('The advisory\'s other ids; [] when there are none.'),
});

/** The `finding` object of CEL conditions, field by field (see the table above). */
export const policyFindingSchema = z.strictObject({
  tool: z.string().describe('The SARIF tool.driver.name, lower-cased: "devsecops" for this suite, "semgrep", "codeql"…'),
  ruleId: z.string().min(1).describe('The rule id as the tool wrote it.'),
  severity: z.number().min(0).max(10).describe('The 0–10 score (GitHub security-severity), a CEL double.'),
  level: severitySchema.describe(`The band of the score: ${SEVERITIES.join(', ')}.`),
  tags: z.array(z.string()).describe('The rule\'s and the result\'s tags.'),
  path: z.string().describe('The repository-relative path with "/"; "" when the finding is not in a file.'),
  line: z.int().min(0).describe('The 1-based start line; 0 when the finding is not in a file.'),
  new: z.boolean().describe('True when the change introduced the finding (SARIF baselineState "new").'),
  message: z.string().describe('The result message.'),
  fingerprint: z.string().describe('The finding\'s stable fingerprint.'),
  package: policyPackageSchema,
  advisory: policyAdvisorySchema,
  properties: z.record(z.string(), jsonValueSchema).describe('Tool-specific data (JSON values); guard keys with has() or "in".'),
});
export type PolicyFinding = z.infer<typeof policyFindingSchema>;

/**
 * The same object as CEL types, for the type checker: a condition that names
 * a field not listed here, or uses one as the wrong type, is rejected when the
 * policy loads. Kept beside the zod schema (a test checks they agree).
 */
export const POLICY_FINDING_CEL_TYPES = {
  tool: 'string',
  ruleId: 'string',
  severity: 'double',
  level: 'string',
  tags: 'list<string>',
  path: 'string',
  line: 'int',
  new: 'bool',
  message: 'string',
  fingerprint: 'string',
  package: { ecosystem: 'string', name: 'string', version: 'string', purl: 'string' },
  advisory: { id: 'string', aliases: 'list<string>' },
  properties: 'map<string, dyn>',
} as const;

/** What the SARIF file adds to a core Finding, which the core reader does not keep. */
export interface PolicyFindingContext {
  /**
   * The SARIF result's `properties` bag (merged over its rule's), e.g. CodeQL's
   * `precision` or Semgrep's `confidence`. The finding's own properties win on
   * a shared key.
   */
  sarifProperties?: Readonly<Record<string, unknown>>;
}

/** Deepest nesting kept from `properties`: tool data is shallow; this stops cycles and pathological files. */
const MAX_PROPERTY_DEPTH = 8;

/** `value` as JSON data (what CEL's dyn can hold), or undefined when it is not JSON (functions, NaN, cycles past the depth). */
function toJsonValue(value: unknown, depth: number): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'object' || depth >= MAX_PROPERTY_DEPTH) return undefined;
  if (Array.isArray(value)) {
    const list: JsonValue[] = [];
    for (const item of value) {
      const json = toJsonValue(item, depth + 1);
      if (json !== undefined) list.push(json);
    }
    return list;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return undefined;
  return toJsonRecord(value as Record<string, unknown>, depth + 1);
}

function toJsonRecord(record: Readonly<Record<string, unknown>>, depth: number): Record<string, JsonValue> {
  // A null prototype, so a tool's "__proto__" or "constructor" key is plain data.
  const out = Object.create(null) as Record<string, JsonValue>;
  for (const [key, item] of Object.entries(record)) {
    const json = toJsonValue(item, depth);
    if (json !== undefined) out[key] = json;
  }
  return out;
}

/** The policy view of a core finding; never throws for a valid Finding. */
export function toPolicyFinding(finding: Finding, context: PolicyFindingContext = {}): PolicyFinding {
  const pkg = finding.package;
  const advisory = finding.advisory;
  return {
    tool: finding.tool.toLowerCase(),
    ruleId: finding.ruleId,
    severity: finding.score,
    level: finding.severity,
    tags: [...finding.tags],
    path: finding.location?.path ?? '',
    line: finding.location?.startLine ?? 0,
    new: finding.isNew === true,
    message: finding.message,
    fingerprint: finding.fingerprint,
    package: { ecosystem: pkg?.ecosystem ?? '', name: pkg?.name ?? '', version: pkg?.version ?? '', purl: pkg?.purl ?? '' },
    advisory: { id: advisory?.id ?? '', aliases: [...(advisory?.aliases ?? [])] },
    properties: toJsonRecord({ ...context.sarifProperties, ...finding.properties }, 0),
  };
}
