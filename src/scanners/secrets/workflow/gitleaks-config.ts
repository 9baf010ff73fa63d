import { access, readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { z } from 'zod';
import { UsageError, describeError } from '../../../core/errors.js';
import type { AllowlistSpec, CustomRuleSpec, RegexSpec } from './custom-rules.js';
import { GITLEAKSIGNORE_FILE } from './gitleaksignore.js';
import { ourRuleIdsFor } from './gitleaks-rule-ids.js';
import { RegexTranslationError, translateGoRegex } from './go-regex.js';

/**
 * Imports a gitleaks config (`.gitleaks.toml`, gitleaks v8 format) so a
 * repository moving to us keeps its custom rules and allowlists:
 * - `[[rules]]` → CustomRuleSpec (id, description, regex, secretGroup,
 *   entropy, keywords, path, and the rule's `[[rules.allowlists]]`, or the
 *   older single `[rules.allowlist]`);
 * - `[allowlist]` / `[[allowlists]]` (paths, regexes, stopwords, commits,
 *   condition, regexTarget, targetRules) → AllowlistSpec;
 * - `[extend] useDefault = true` keeps our built-in rules, and its
 *   `disabledRules` switch off their equivalents.
 * Regexes are Go RE2 and are translated (go-regex.ts). What cannot be
 * imported is skipped with a one-line warning naming the file and the rule,
 * never silently. A file that is not valid TOML or not shaped like a gitleaks
 * config is a UsageError naming the file.
 *
 * Keys are compared case-insensitively, as gitleaks reads them through viper
 * (`secretGroup`, `secretgroup` and `SecretGroup` are the same key).
 */

/** The name gitleaks looks for at the repository root. */
export const GITLEAKS_CONFIG_FILE = '.gitleaks.toml';

export interface GitleaksImport {
  file: string;
  rules: CustomRuleSpec[];
  /** Global allowlists; those with `targetRules` carry `ruleIds`. */
  allowlists: AllowlistSpec[];
  /**
   * Whether our built-in rules stay on. gitleaks replaces its default rules
   * with a config's own unless `[extend] useDefault = true`; we do the same,
   * except that a config with no rule of its own (only allowlists) keeps the
   * built-ins, since scanning with no rules at all is never what it means.
   */
  keepBuiltIns: boolean;
  /** Rule ids to switch off (`[extend] disabledRules`), with our equivalents of gitleaks' ids. */
  disabledRules: string[];
  /** One line each: what was not imported or was widened, and why. */
  warnings: string[];
}

const stringList = z.array(z.string());

const allowlistToml = z.looseObject({
  description: z.string().optional(),
  condition: z.string().optional(),
  commits: stringList.optional(),
  paths: stringList.optional(),
  regextarget: z.string().optional(),
  regexes: stringList.optional(),
  stopwords: stringList.optional(),
  targetrules: stringList.optional(),
});
type AllowlistToml = z.infer<typeof allowlistToml>;

const ruleToml = z.looseObject({
  id: z.string().min(1),
  description: z.string().optional(),
  regex: z.string().optional(),
  path: z.string().optional(),
  secretgroup: z.int().min(0).optional(),
  entropy: z.number().min(0).optional(),
  keywords: stringList.optional(),
  allowlist: allowlistToml.optional(),
  allowlists: z.array(allowlistToml).optional(),
  required: z.array(z.unknown()).optional(),
  skipreport: z.boolean().optional(),
});
type RuleToml = z.infer<typeof ruleToml>;

const configToml = z.looseObject({
  extend: z
    .looseObject({
      usedefault: z.boolean().optional(),
      path: z.string().optional(),
      url: z.string().optional(),
      disabledrules: stringList.optional(),
    })
    .optional(),
  rules: z.array(ruleToml).optional(),
  allowlist: allowlistToml.optional(),
  allowlists: z.array(allowlistToml).optional(),
});

/** TOML keys in lower case, recursively, as viper reads them. */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
}

/** Translates one Go regex, or says why not. */
function translate(source: string): { ok: true; spec: RegexSpec; warnings: string[] } | { ok: false; reason: string } {
  try {
    const { source: js, flags, warnings } = translateGoRegex(source);
    return { ok: true, spec: { source: js, flags }, warnings };
  } catch (error) {
    if (error instanceof RegexTranslationError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Capturing groups in a compiled pattern (an empty alternative makes it match the empty string). */
function countGroups(spec: RegexSpec): number {
  return (new RegExp(`${spec.source}|`, spec.flags).exec('')?.length ?? 1) - 1;
}

/** Parses the text of a gitleaks config; `file` names it in messages. */
export function importGitleaksConfig(text: string, file: string): GitleaksImport {
  let raw: unknown;
  try {
    raw = parseToml(text, { unsafeKeyBehaviour: 'drop', maxDepth: 64 });
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = (error.message.split('\n')[0] ?? 'invalid TOML').replace(/^Invalid TOML document: /, '');
      throw new UsageError(`${file}:${error.line}:${error.column}: not valid TOML: ${reason}`);
    }
    throw new UsageError(`${file}: not valid TOML (${describeError(error)})`);
  }
  const parsed = configToml.safeParse(lowerKeys(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? formatTomlPath(issue.path) : '';
    throw new UsageError(`${file}: not a gitleaks config: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}`);
  }
  const config = parsed.data;
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(`${file}: ${message}`);
  };

  if (config.allowlist && config.allowlists) {
    throw new UsageError(`${file}: [allowlist] and [[allowlists]] cannot both be used (gitleaks refuses this too)`);
  }

  const rules: CustomRuleSpec[] = [];
  const ruleAllowlists: AllowlistSpec[] = [];
  for (const rule of config.rules ?? []) {
    if (rule.allowlist && rule.allowlists) {
      throw new UsageError(`${file}: rule "${rule.id}": [rules.allowlist] and [[rules.allowlists]] cannot both be used`);
    }
    const allowlists = [...(rule.allowlist ? [rule.allowlist] : []), ...(rule.allowlists ?? [])]
      .map((a, index) => convertAllowlist(a, `rule "${rule.id}" allowlist ${index + 1}`, file, warn))
      .filter((a): a is AllowlistSpec => a !== undefined);
    if (rule.regex === undefined || rule.regex === '') {
      if (rule.path !== undefined) {
        warn(`rule "${rule.id}" not imported: rules that report a file by its path alone are not supported`);
      } else if (allowlists.length > 0) {
        // With useDefault, a regex-less rule extends the default rule of that id: here, our equivalent.
        for (const a of allowlists) ruleAllowlists.push({ ...a, ruleIds: ruleIdsFor([rule.id]) });
      } else {
        warn(`rule "${rule.id}" not imported: it has no regex`);
      }
      continue;
    }
    const spec = convertRule(rule, allowlists, file, warn);
    if (spec) rules.push(spec);
  }

  const allowlists: AllowlistSpec[] = [...ruleAllowlists];
  const globals = config.allowlist ? [config.allowlist] : (config.allowlists ?? []);
  globals.forEach((a, index) => {
    const spec = convertAllowlist(a, `allowlist ${index + 1}`, file, warn);
    if (!spec) return;
    if (a.targetrules && a.targetrules.length > 0) spec.ruleIds = ruleIdsFor(a.targetrules);
    allowlists.push(spec);
  });

  const extend = config.extend;
  if (extend?.path || extend?.url) {
    warn(`[extend] ${extend.path ? `path "${extend.path}"` : `url "${extend.url}"`} is not followed: copy the rules you need into this file`);
  }
  const ownRules = (config.rules ?? []).some((r) => r.regex !== undefined && r.regex !== '');
  return {
    file,
    rules,
    allowlists,
    keepBuiltIns: extend?.usedefault === true || !ownRules,
    disabledRules: ruleIdsFor(extend?.disabledrules ?? []),
    warnings,
  };
}

function convertRule(
  rule: RuleToml,
  allowlists: AllowlistSpec[],
  file: string,
  warn: (message: string) => void,
): CustomRuleSpec | undefined {
  const regex = translate(rule.regex as string);
  if (!regex.ok) {
    warn(`rule "${rule.id}" not imported: its regex ${regex.reason}`);
    return undefined;
  }
  for (const w of regex.warnings) warn(`rule "${rule.id}": ${w}`);
  if (rule.skipreport) {
    warn(`rule "${rule.id}" not imported: skipReport rules only serve composite rules, which are not supported`);
    return undefined;
  }
  if (rule.required && rule.required.length > 0) {
    warn(`rule "${rule.id}": its [[rules.required]] components are not supported; it is imported on its own and reports more`);
  }
  const spec: CustomRuleSpec = {
    id: rule.id,
    regex: regex.spec.source,
    keywords: (rule.keywords ?? []).map((k) => k.toLowerCase()).filter((k) => k !== ''),
    origin: file,
  };
  if (regex.spec.flags) spec.flags = regex.spec.flags;
  if (rule.description) spec.description = rule.description;
  // gitleaks: secretGroup 0 (or none) with capture groups takes the first group that matched; group 1 is the usual case.
  const groups = countGroups(regex.spec);
  if (rule.secretgroup !== undefined && rule.secretgroup > groups) {
    warn(`rule "${rule.id}" not imported: secretGroup ${rule.secretgroup} but the regex has ${groups} capture groups`);
    return undefined;
  }
  if (rule.secretgroup !== undefined && rule.secretgroup > 0) spec.secretGroup = rule.secretgroup;
  else if (groups > 0 && !/\(\?<secret>/.test(regex.spec.source)) spec.secretGroup = 1;
  if (rule.entropy !== undefined && rule.entropy > 0) spec.entropy = Math.min(rule.entropy, 8);
  if (rule.path !== undefined && rule.path !== '') {
    const path = translate(rule.path);
    if (!path.ok) {
      warn(`rule "${rule.id}" not imported: its path ${path.reason}`);
      return undefined;
    }
    for (const w of path.warnings) warn(`rule "${rule.id}" path: ${w}`);
    spec.pathPatterns = [path.spec];
  }
  if (allowlists.length > 0) spec.allowlists = allowlists;
  return spec;
}

function convertAllowlist(
  a: AllowlistToml,
  what: string,
  file: string,
  warn: (message: string) => void,
): AllowlistSpec | undefined {
  const condition = (a.condition ?? 'OR').toUpperCase();
  if (!['OR', '||', 'AND', '&&'].includes(condition)) {
    throw new UsageError(`${file}: ${what}: unknown condition "${a.condition}" (expected "and" or "or")`);
  }
  const target = a.regextarget ?? 'secret';
  if (target !== 'secret' && target !== 'match' && target !== 'line') {
    throw new UsageError(`${file}: ${what}: unknown regexTarget "${target}" (expected "secret", "match" or "line")`);
  }
  // An entry that cannot be translated is dropped: that allows less, never more.
  const patterns = (sources: string[] | undefined, kind: string): RegexSpec[] =>
    (sources ?? []).flatMap((source) => {
      const result = translate(source);
      if (!result.ok) {
        warn(`${what}: the ${kind} ${JSON.stringify(source)} is skipped: it ${result.reason}`);
        return [];
      }
      for (const w of result.warnings) warn(`${what}: ${kind} ${JSON.stringify(source)}: ${w}`);
      return [result.spec];
    });
  const spec: AllowlistSpec = {
    paths: [],
    values: [],
    stopwords: (a.stopwords ?? []).filter((s) => s !== ''),
    pathPatterns: patterns(a.paths, 'path'),
    valuePatterns: patterns(a.regexes, 'regex'),
    commits: (a.commits ?? []).map((c) => c.toLowerCase()),
    valueTarget: target,
    condition: condition === 'AND' || condition === '&&' ? 'and' : 'or',
  };
  if (a.description) spec.description = a.description;
  const empty =
    spec.stopwords.length === 0 && spec.pathPatterns?.length === 0 && spec.valuePatterns?.length === 0 && spec.commits?.length === 0;
  if (empty) {
    // Every entry was dropped (or none given): an empty allowlist must not allow everything under "and".
    if ((a.paths?.length ?? 0) + (a.regexes?.length ?? 0) > 0) warn(`${what} is skipped: none of its entries could be imported`);
    return undefined;
  }
  return spec;
}

/** Rule ids as written plus our equivalents, deduplicated. */
function ruleIdsFor(ids: readonly string[]): string[] {
  return [...new Set(ids.flatMap((id) => [id, ...ourRuleIdsFor(id)]))];
}

function formatTomlPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out;
}

/** Reads and imports a gitleaks config file. */
export async function readGitleaksConfig(file: string): Promise<GitleaksImport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: could not read the gitleaks config (${describeError(error)})`);
  }
  return importGitleaksConfig(text, file);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The gitleaks files a run uses, from the `secrets.gitleaks-config` setting:
 * "off" none; "auto" `.gitleaks.toml` and `.gitleaksignore` at the root when
 * present; a path that config file (which must exist) and the root
 * `.gitleaksignore` when present.
 */
export async function locateGitleaksFiles(root: string, setting: string): Promise<{ config?: string; ignore?: string }> {
  if (setting === 'off') return {};
  const found: { config?: string; ignore?: string } = {};
  const ignore = join(root, GITLEAKSIGNORE_FILE);
  if (await exists(ignore)) found.ignore = ignore;
  if (setting === 'auto') {
    const config = join(root, GITLEAKS_CONFIG_FILE);
    if (await exists(config)) found.config = config;
    return found;
  }
  const config = isAbsolute(setting) ? setting : join(root, setting);
  if (!(await exists(config))) {
    throw new UsageError(`secrets.gitleaks-config: ${setting} does not exist (expected a gitleaks config file, "auto" or "off")`);
  }
  found.config = config;
  return found;
}
