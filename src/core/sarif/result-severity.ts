import type { ReportingDescriptor, Result, Run } from 'sarif';
import { scoreForSeverity, severityFromScore, type Severity } from '../severity.js';

/**
 * How severe a SARIF result from any tool is, on GitHub's 0–10 scale. Inputs are
 * other tools' files, so every field is checked at run time whatever its type says.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A `security-severity` value (string or number) within 0–10, else undefined. */
export function parseSecuritySeverity(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 && n <= 10 ? n : undefined;
}

/**
 * The rule a result refers to: `rule.toolComponent.index` + `rule.index` into
 * `tool.extensions` (CodeQL packs), else `ruleIndex`/`rule.index` into the driver's
 * rules when the id agrees, else the first rule with the result's id in the driver
 * or any extension.
 */
export function findRuleOfResult(result: Result, run: Run): ReportingDescriptor | undefined {
  const driverRules = Array.isArray(run.tool?.driver?.rules) ? run.tool.driver.rules : [];
  const extensions = Array.isArray(run.tool?.extensions) ? run.tool.extensions : [];
  const ref = isRecord(result.rule) ? result.rule : undefined;
  const id = typeof result.ruleId === 'string' ? result.ruleId : typeof ref?.id === 'string' ? ref.id : undefined;
  const matches = (rule: unknown): rule is ReportingDescriptor =>
    isRecord(rule) && (id === undefined || rule['id'] === id || (typeof rule['id'] === 'string' && id.startsWith(`${rule['id']}/`)));

  const componentIndex = isRecord(ref?.toolComponent) ? ref.toolComponent.index : undefined;
  if (typeof componentIndex === 'number' && typeof ref?.index === 'number') {
    const component = extensions[componentIndex];
    const candidate = isRecord(component) && Array.isArray(component.rules) ? component.rules[ref.index] : undefined;
    if (matches(candidate)) return candidate;
  }
  const index = typeof result.ruleIndex === 'number' ? result.ruleIndex : typeof ref?.index === 'number' && componentIndex === undefined ? ref.index : undefined;
  if (index !== undefined) {
    const candidate = driverRules[index];
    if (matches(candidate)) return candidate;
  }
  if (id === undefined) return undefined;
  for (const rules of [driverRules, ...extensions.map((e) => (isRecord(e) && Array.isArray(e.rules) ? e.rules : []))]) {
    const found = rules.find((rule) => isRecord(rule) && rule.id === id);
    if (found) return found;
  }
  return undefined;
}

const LEVEL_SEVERITY: Record<string, Severity> = {
  error: 'high',
  warning: 'medium',
  note: 'low',
  none: 'note',
};

export interface ResultSeverity {
  severity: Severity;
  score: number;
  /** Where it came from, for debugging a surprising band. */
  source: 'security-severity' | 'level' | 'kind' | 'rank' | 'default';
}

/**
 * `security-severity` on the result, then on its rule; else the result's `kind`
 * (anything but `fail` is informational), `level`, the rule's default level,
 * `rank` (0–100); else SARIF's default level, `warning`.
 */
export function severityOfResult(result: Result, rule: ReportingDescriptor | undefined): ResultSeverity {
  const fromProps =
    parseSecuritySeverity(isRecord(result.properties) ? result.properties['security-severity'] : undefined) ??
    parseSecuritySeverity(isRecord(rule?.properties) ? rule.properties['security-severity'] : undefined);
  if (fromProps !== undefined) return { severity: severityFromScore(fromProps), score: fromProps, source: 'security-severity' };

  if (typeof result.kind === 'string' && result.kind !== 'fail') return { severity: 'note', score: 0, source: 'kind' };
  const ruleLevel = isRecord(rule?.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
  const level = typeof result.level === 'string' ? result.level : typeof ruleLevel === 'string' ? ruleLevel : undefined;
  const band = level !== undefined ? LEVEL_SEVERITY[level] : undefined;
  if (band) return { severity: band, score: scoreForSeverity(band), source: 'level' };

  if (typeof result.rank === 'number' && Number.isFinite(result.rank) && result.rank >= 0 && result.rank <= 100) {
    const score = Math.round(result.rank) / 10;
    return { severity: severityFromScore(score), score, source: 'rank' };
  }
  return { severity: 'medium', score: scoreForSeverity('medium'), source: 'default' };
}
