/**
 * The conditions of a rule's `when` or an exception's `match`, compiled once:
 * every key given must hold.
 *
 * - tool: the SARIF driver name, case-insensitive; a name followed by more
 *   words counts too, because drivers name their edition (`semgrep` matches
 *   "Semgrep OSS" and "Semgrep Pro", `codeql` "CodeQL command-line toolchain").
 * - ruleId, path: globs (glob.ts). A finding with no file never matches `path`.
 * - severity: a band means that band or worse; a number means a score at
 *   least that (GitHub's security-severity scale).
 * - tags: every tag listed is on the finding (case-insensitive).
 * - new: true matches findings whose baseline state is "new"; false matches
 *   the rest, including findings that were never compared with a base.
 * - package: package-spec.ts. advisory: the advisory id or any alias,
 *   case-insensitive. fingerprint (exceptions only): the exact fingerprint.
 * - cel: a CEL condition (cel.ts), checked after the keys because it costs more.
 * - rego: an OPA policy compiled to WebAssembly (rego.ts), loaded before
 *   compiling (loadRegoConditions) and checked last.
 */
import type { ExceptionMatch } from '../../core/config/sections/policy.js';
import { isAtLeast, type Severity } from '../../core/severity.js';
import { compileCondition } from './cel.js';
import type { FindingView } from './finding-view.js';
import { compileGlob, GlobSyntaxError } from './glob.js';
import { PackageSpecError, packageMatches, parsePackageSpec } from './package-spec.js';
import { PolicyError } from './policy-error.js';
import type { LoadedRego } from './rego.js';

interface Condition {
  /** `tool`, `ruleId`, …, for ordering and messages. */
  key: keyof ExceptionMatch;
  /** What the condition asks, for reasons: `severity high or worse`. */
  label: string;
  test(view: FindingView): boolean;
}

export interface CompiledMatcher {
  /** Where the conditions are in the policy, e.g. `policy.rules[0] (no-new-high).when`. */
  where: string;
  /** The conditions in words, for reasons: `severity high or worse, new`. */
  label: string;
  matches(view: FindingView): boolean;
  /** Warnings from compiling the CEL condition (e.g. a deprecated function), with their key path. */
  warnings: readonly string[];
}

/** Cheapest first; the order never changes the answer, only the work. */
const CONDITION_ORDER: readonly (keyof ExceptionMatch)[] = [
  'fingerprint',
  'tool',
  'new',
  'severity',
  'ruleId',
  'path',
  'tags',
  'advisory',
  'package',
  'cel',
  'rego',
];

/** The first failure's text from a compiled condition's warning (`…; first: <problem> (on <finding>)`). */
function firstFailure(warning: string | undefined): string {
  if (warning === undefined) return 'the CEL condition failed';
  const at = warning.indexOf('first: ');
  return at < 0 ? warning : warning.slice(at + 'first: '.length);
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function globCondition(key: 'ruleId' | 'path', pattern: string, where: string): Condition {
  let test: (text: string) => boolean;
  try {
    test = compileGlob(pattern, key === 'path' ? 'path' : 'id');
  } catch (error) {
    if (error instanceof GlobSyntaxError) throw new PolicyError(`${where}.${key}`, `${quote(pattern)} ${error.message}`);
    throw error;
  }
  if (key === 'ruleId') return { key, label: `ruleId matches ${quote(pattern)}`, test: (view) => test(view.finding.ruleId) };
  return {
    key,
    label: `path matches ${quote(pattern)}`,
    test: (view) => {
      const path = view.path;
      return path !== null && test(path);
    },
  };
}

function severityCondition(severity: Severity | number): Condition {
  if (typeof severity === 'number') {
    return { key: 'severity', label: `score ${severity} or more`, test: (view) => view.finding.score >= severity };
  }
  return { key: 'severity', label: `severity ${severity} or worse`, test: (view) => isAtLeast(view.finding.severity, severity) };
}

/**
 * Compiles `match` (a rule's `when` or an exception's `match`). Throws
 * PolicyError naming the key (`policy.rules[2] (x).when.ruleId: …`) for a
 * glob, package or CEL condition that cannot be compiled.
 */
export function compileMatcher(match: ExceptionMatch, where: string, rego?: ReadonlyMap<string, LoadedRego>): CompiledMatcher {
  const conditions: Condition[] = [];
  const warnings: string[] = [];

  for (const key of CONDITION_ORDER) {
    const value = match[key];
    if (value === undefined) continue;
    switch (key) {
      case 'fingerprint': {
        const fingerprint = match.fingerprint!;
        conditions.push({ key, label: `fingerprint ${fingerprint}`, test: (view) => view.finding.fingerprint === fingerprint });
        break;
      }
      case 'tool': {
        const tool = match.tool!.toLowerCase();
        const edition = `${tool} `;
        conditions.push({ key, label: `tool ${match.tool!}`, test: (view) => view.tool === tool || view.tool.startsWith(edition) });
        break;
      }
      case 'new': {
        const wanted = match.new!;
        conditions.push({ key, label: wanted ? 'new' : 'not new', test: (view) => (view.finding.isNew === true) === wanted });
        break;
      }
      case 'severity':
        conditions.push(severityCondition(match.severity!));
        break;
      case 'ruleId':
      case 'path':
        conditions.push(globCondition(key, match[key]!, where));
        break;
      case 'tags': {
        const tags = match.tags!.map((tag) => tag.toLowerCase());
        conditions.push({ key, label: `tags ${match.tags!.join(', ')}`, test: (view) => tags.every((tag) => view.tags.has(tag)) });
        break;
      }
      case 'advisory': {
        const id = match.advisory!.toUpperCase();
        conditions.push({ key, label: `advisory ${match.advisory!}`, test: (view) => view.advisories.has(id) });
        break;
      }
      case 'package': {
        let spec;
        try {
          spec = parsePackageSpec(match.package!);
        } catch (error) {
          if (error instanceof PackageSpecError) throw new PolicyError(`${where}.package`, error.message);
          throw error;
        }
        conditions.push({
          key,
          label: `package ${match.package!}`,
          test: (view) => {
            const pkg = view.package;
            return pkg !== null && packageMatches(spec, pkg);
          },
        });
        break;
      }
      case 'cel': {
        const celWhere = `${where}.cel`;
        const condition = compileCondition(match.cel!, celWhere);
        for (const warning of condition.warnings) warnings.push(`${celWhere}: ${warning}`);
        conditions.push({
          key,
          label: `cel ${quote(match.cel!)}`,
          test: (view) => {
            // A condition that fails on a finding does not match it (as an undefined rule body in OPA);
            // the compiled condition counts failures over its lifetime, the view over this evaluation.
            const before = condition.failures;
            let matched: boolean;
            try {
              matched = condition.evaluate(view.cel) === true;
            } catch (error) {
              view.recordFailure(celWhere, error instanceof Error ? error.message : String(error));
              return false;
            }
            if (condition.failures > before) view.recordFailure(celWhere, firstFailure(condition.warning));
            return matched;
          },
        });
        break;
      }
      case 'rego': {
        const regoWhere = `${where}.rego`;
        const loaded = rego?.get(regoWhere);
        // The callers load every Rego module first (it is async; compiling is not).
        if (!loaded) throw new PolicyError(regoWhere, 'the Rego module was not loaded before the policy was compiled');
        const entry = match.rego!.entrypoint ?? loaded.entrypoints[0] ?? '';
        conditions.push({
          key,
          label: `rego ${quote(`${match.rego!.wasm}${entry ? ` ${entry}` : ''}`)}`,
          test: (view) => {
            try {
              return loaded.evaluate(view.cel);
            } catch (error) {
              view.recordFailure(regoWhere, error instanceof Error ? error.message : String(error));
              return false;
            }
          },
        });
        break;
      }
    }
  }

  const tests = conditions.map((condition) => condition.test);
  return {
    where,
    label: conditions.length === 0 ? 'every finding' : conditions.map((condition) => condition.label).join(', '),
    matches: (view) => {
      for (const test of tests) if (!test(view)) return false;
      return true;
    },
    warnings,
  };
}
