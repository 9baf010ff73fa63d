import ignore, { type Ignore } from 'ignore';
import type { AllowlistSpec, CustomRuleSpec, RegexSpec } from './workflow/custom-rules.js';

/** What an allowlist is asked about one match. */
export interface AllowCandidate {
  ruleId: string;
  path: string;
  secret: string;
  lineText: string;
  commit?: string;
}

interface CompiledAllowlist {
  name: string;
  ruleIds?: ReadonlySet<string>;
  condition: 'or' | 'and';
  paths?: Ignore;
  pathPatterns: RegExp[];
  values: RegExp[];
  valueTarget: 'secret' | 'match' | 'line';
  stopwords: string[];
  commits: string[];
}

function compileRegex(spec: RegexSpec | string): RegExp {
  return typeof spec === 'string' ? new RegExp(spec) : new RegExp(spec.source, spec.flags.replace(/[gy]/g, ''));
}

/**
 * The allowlists of a run: the config's, a .gitleaks.toml's (global and per
 * rule), in one shape. The config already checked that every regex compiles.
 */
export function compileAllowlists(global: readonly AllowlistSpec[], rules: readonly CustomRuleSpec[]): CompiledAllowlist[] {
  const all: Array<{ spec: AllowlistSpec; name: string }> = global.map((spec, i) => ({ spec, name: spec.description ?? `allowlist ${i + 1}` }));
  for (const rule of rules) {
    for (const spec of rule.allowlists ?? []) all.push({ spec: { ...spec, ruleIds: [rule.id] }, name: spec.description ?? `allowlist of rule ${rule.id}` });
  }
  return all.map(({ spec, name }) => ({
    name,
    ...(spec.ruleIds?.length ? { ruleIds: new Set(spec.ruleIds) } : {}),
    condition: spec.condition ?? 'or',
    ...(spec.paths.length ? { paths: ignore().add(spec.paths) } : {}),
    pathPatterns: (spec.pathPatterns ?? []).map(compileRegex),
    values: [...spec.values.map((v) => compileRegex(v)), ...(spec.valuePatterns ?? []).map(compileRegex)],
    valueTarget: spec.valueTarget ?? 'secret',
    stopwords: spec.stopwords.map((w) => w.toLowerCase()),
    commits: (spec.commits ?? []).map((c) => c.toLowerCase()),
  }));
}

/** The name of the allowlist that allows this match, or undefined. */
export function findAllowingList(allowlists: readonly CompiledAllowlist[], candidate: AllowCandidate): string | undefined {
  for (const list of allowlists) {
    if (list.ruleIds && !list.ruleIds.has(candidate.ruleId)) continue;
    const verdicts: boolean[] = [];
    if (list.paths) verdicts.push(list.paths.ignores(candidate.path));
    if (list.pathPatterns.length) verdicts.push(list.pathPatterns.some((re) => re.test(candidate.path)));
    if (list.values.length) {
      const target = list.valueTarget === 'line' ? candidate.lineText : candidate.secret;
      verdicts.push(list.values.some((re) => re.test(target)));
    }
    if (list.stopwords.length) {
      const secret = candidate.secret.toLowerCase();
      verdicts.push(list.stopwords.some((w) => secret.includes(w)));
    }
    if (list.commits.length) {
      const commit = candidate.commit?.toLowerCase();
      verdicts.push(commit !== undefined && list.commits.some((c) => commit.startsWith(c) || c.startsWith(commit)));
    }
    if (verdicts.length === 0) continue;
    if (list.condition === 'and' ? verdicts.every(Boolean) : verdicts.some(Boolean)) return list.name;
  }
  return undefined;
}

/**
 * Whether a custom rule runs on this path: its `paths` globs (config) or
 * `pathPatterns` (imported gitleaks `path`), when it has any.
 */
export function compileRulePathFilters(rules: readonly CustomRuleSpec[]): Map<string, (path: string) => boolean> {
  const filters = new Map<string, (path: string) => boolean>();
  for (const rule of rules) {
    const globs = rule.paths?.length ? ignore().add(rule.paths) : undefined;
    const patterns = (rule.pathPatterns ?? []).map(compileRegex);
    if (!globs && patterns.length === 0) continue;
    filters.set(rule.id, (path) => (globs?.ignores(path) ?? false) || patterns.some((re) => re.test(path)));
  }
  return filters;
}
