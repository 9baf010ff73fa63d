import { UsageError } from '../../../core/errors.js';
import type { SecretRule } from '../rule.js';
import { KeywordMatcher } from './keyword-matcher.js';

/** How far around a keyword hit a rule's pattern looks when the rule sets no `window`, in characters on each side. */
export const DEFAULT_WINDOW_CHARS = 256;

/**
 * Characters of real text the pattern sees beyond a window on each side, so
 * that lookbehinds, `\b` and lookaheads at the window's edge judge the real
 * neighbours rather than the edge of a slice.
 */
export const REGEX_CONTEXT_CHARS = 64;

/** The least a merged window is cut into when it grows long, so the time budget is checked between pieces. */
const MIN_CHUNK_CHARS = 32 * 1024;

/** Keywords shorter than this would hit almost everywhere (the rule contract asks for at least 3 characters). */
export const MIN_KEYWORD_LENGTH = 3;

/**
 * A rule the engine may be given beyond the SecretRule contract: a custom rule
 * from the config can name the capture group holding the secret (a number, or
 * a name other than `secret`; 0 is the whole match) instead of naming it `secret`.
 */
export type EngineRule = SecretRule & { secretGroup?: number | string };

/**
 * What the false-positive filters say about a match: a reason to drop it
 * (a placeholder, a test fixture, an allow comment), or undefined to keep it.
 */
export type ExplainFalsePositive = (match: {
  rule: SecretRule;
  secret: string;
  path: string;
  lineText: string;
}) => string | undefined;

/** One rule, ready to run. */
export interface CompiledRule {
  readonly rule: SecretRule;
  readonly index: number;
  /** The rule's pattern with the `g` and `d` flags added, compiled once. */
  readonly regex: RegExp;
  /** The capture group holding the secret: `secret` unless a custom rule said otherwise. */
  readonly secretGroup: number | string;
  readonly before: number;
  readonly after: number;
  /** Clip the window to the line of the keyword hit. */
  readonly sameLine: boolean;
  /** Index of the rule named by `requires`, or -1. */
  readonly requiresIndex: number;
  /** No keywords: the pattern runs over the whole text (custom rules only; slower). */
  readonly everywhere: boolean;
  /** The most a match can reach past the start of its window's last hit: a match starting before a chunk's end is complete within it. */
  readonly spanChars: number;
  /** Long merged windows are scanned in pieces of this many characters. */
  readonly chunkChars: number;
}

/** A validated rule set with its keyword matcher: build it once, scan many texts with it. */
export interface CompiledRules {
  readonly rules: readonly CompiledRule[];
  readonly byId: ReadonlyMap<string, CompiledRule>;
  readonly matcher: KeywordMatcher;
  /** The rules owning keyword k: keywordRules[keywordRuleStart[k] .. keywordRuleStart[k + 1]). */
  readonly keywordRuleStart: Int32Array;
  readonly keywordRules: Int32Array;
  /** Rules that run over the whole text (no keywords). */
  readonly everywhereRules: readonly number[];
  readonly explainFalsePositive?: ExplainFalsePositive;
}

export interface CompileRulesOptions {
  /** Applied to every match after `verify`; matches it explains are dropped. */
  explainFalsePositive?: ExplainFalsePositive;
}

const RULE_ID = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Validates a rule set and builds its keyword matcher. A bad rule (from the
 * user's config, typically) throws a one-line UsageError naming the rule and
 * what is wrong with it.
 */
export function compileRules(rules: readonly SecretRule[], options: CompileRulesOptions = {}): CompiledRules {
  const ids = new Set<string>();
  for (const rule of rules) {
    if (typeof rule.id !== 'string' || !RULE_ID.test(rule.id)) {
      throw new UsageError(`Secrets rule ${JSON.stringify(rule.id)}: expected an id of lower-case letters, digits, ".", "_" or "-"`);
    }
    if (ids.has(rule.id)) throw new UsageError(`Secrets rule "${rule.id}": the id is used by more than one rule`);
    ids.add(rule.id);
  }

  const keywordIndex = new Map<string, number>();
  const owners: number[][] = [];
  const everywhereRules: number[] = [];
  const compiled: CompiledRule[] = rules.map((rule, index) => {
    const fail = (problem: string): never => {
      throw new UsageError(`Secrets rule "${rule.id}": ${problem}`);
    };
    if (!Array.isArray(rule.keywords)) fail('expected "keywords" to be a list of lower-case literals');
    for (const keyword of rule.keywords) {
      if (typeof keyword !== 'string' || keyword.length < MIN_KEYWORD_LENGTH || keyword !== keyword.toLowerCase()) {
        fail(`keyword ${JSON.stringify(keyword)} must be lower-case and at least ${MIN_KEYWORD_LENGTH} characters long`);
      }
    }
    if (!(rule.pattern instanceof RegExp)) fail('expected "pattern" to be a regular expression');
    if (/[gy]/.test(rule.pattern.flags)) fail(`the pattern must not set the g or y flag (it has /${rule.pattern.flags}); the engine adds what it needs`);
    const secretGroup = (rule as EngineRule).secretGroup ?? 'secret';
    const groupProblem = describeMissingGroup(rule.pattern, secretGroup);
    if (groupProblem) fail(groupProblem);
    const window = rule.window ?? { before: DEFAULT_WINDOW_CHARS, after: DEFAULT_WINDOW_CHARS };
    if (!isCount(window.before) || !isCount(window.after)) fail('expected "window" to hold two non-negative whole numbers of characters');
    if (rule.minEntropy !== undefined && !(rule.minEntropy >= 0)) fail('expected "minEntropy" to be a non-negative number of bits per character');
    let requiresIndex = -1;
    if (rule.requires) {
      requiresIndex = rules.findIndex((other) => other.id === rule.requires?.ruleId);
      if (requiresIndex < 0) {
        fail(`it requires rule "${rule.requires.ruleId}", which is not in the rule set (disabled or unknown): disable both or neither`);
      }
      if (!isCount(rule.requires.withinLines)) fail('expected "requires.withinLines" to be a non-negative whole number');
    }

    for (const keyword of new Set(rule.keywords)) {
      let k = keywordIndex.get(keyword);
      if (k === undefined) {
        k = keywordIndex.size;
        keywordIndex.set(keyword, k);
        owners.push([]);
      }
      (owners[k] as number[]).push(index);
    }
    const everywhere = rule.keywords.length === 0;
    if (everywhere) everywhereRules.push(index);

    const flags = rule.pattern.flags.replace('d', '');
    const longest = rule.keywords.reduce((max, k) => Math.max(max, k.length), 0);
    const spanChars = window.before + longest + window.after + REGEX_CONTEXT_CHARS;
    return {
      rule,
      index,
      regex: new RegExp(rule.pattern.source, `${flags}gd`),
      secretGroup,
      before: window.before,
      after: window.after,
      sameLine: window.sameLine === true,
      requiresIndex,
      everywhere,
      spanChars,
      chunkChars: Math.max(MIN_CHUNK_CHARS, 4 * spanChars),
    };
  });

  const keywordRuleStart = new Int32Array(owners.length + 1);
  const flat: number[] = [];
  owners.forEach((list, k) => {
    keywordRuleStart[k] = flat.length;
    flat.push(...list);
  });
  keywordRuleStart[owners.length] = flat.length;

  return {
    rules: compiled,
    byId: new Map(compiled.map((c) => [c.rule.id, c])),
    matcher: new KeywordMatcher([...keywordIndex.keys()]),
    keywordRuleStart,
    keywordRules: Int32Array.from(flat),
    everywhereRules,
    ...(options.explainFalsePositive ? { explainFalsePositive: options.explainFalsePositive } : {}),
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * Why the secret group is missing from a pattern, or undefined. Matching the
 * empty string against `(?:pattern)|` always succeeds through the empty
 * branch and lists every group of the pattern, so no sample input is needed.
 */
function describeMissingGroup(pattern: RegExp, group: number | string): string | undefined {
  const probe = new RegExp(`(?:${pattern.source})|`, pattern.flags).exec('');
  if (typeof group === 'number') {
    const count = (probe?.length ?? 1) - 1;
    return Number.isInteger(group) && group >= 0 && group <= count
      ? undefined
      : `the secret group ${group} does not exist (the pattern has ${count} capture group${count === 1 ? '' : 's'})`;
  }
  if (probe?.groups && Object.hasOwn(probe.groups, group)) return undefined;
  return group === 'secret'
    ? 'the pattern must capture the credential in a named group "secret": (?<secret>…)'
    : `the pattern has no group named "${group}"`;
}
