/**
 * Licence rules over an SBOM: `licenses.allow` and `licenses.deny`, lists of
 * SPDX ids, against each package's SPDX expression.
 *
 * Each licence of an expression is judged with spdx-satisfies, which knows
 * the SPDX list's "or later" ranges (`GPL-2.0-or-later` satisfies an allow of
 * `GPL-3.0-only`: the licensee may take GPL-3.0), and the expression is then
 * combined here: `OR` holds when any side holds (the licensee picks), `AND`
 * when every side does. spdx-satisfies would combine too, but it expands the
 * expression to a disjunction of conjunctions first, exponential in a chain of
 * `(a OR b) AND (c OR d) AND …`; combining the tree directly is linear and
 * gives the same answer. The rules, each a documented choice:
 *
 * - allow only: every licence the licensee takes must satisfy the allow-list.
 * - deny only: a licence is denied when it satisfies the deny-list at its own
 *   version (an "or later" licence is judged at the version it names: deny
 *   `GPL-2.0-only` denies `GPL-2.0-or-later` too; being careful costs a
 *   review, not a lawsuit).
 * - both: a licence must be allowed and not denied.
 * - `X WITH exception` is judged as `X`: an exception only adds permissions.
 * - A `LicenseRef-` licence that neither list names, an expression that is not
 *   SPDX (`NOASSERTION`, `BSD`, free text) and a package with no licence are
 *   unknown: a warning, never silently allowed. Unknown combines as in
 *   three-valued logic (`MIT OR LicenseRef-x` is allowed when MIT is,
 *   `MIT AND LicenseRef-x` is unknown).
 */
import parseSpdxExpression from 'spdx-expression-parse';
import satisfies from 'spdx-satisfies';
import { normalizeLicense } from '../sbom/licenses.js';

export type LicenseVerdict = 'allowed' | 'denied' | 'unknown';

export interface LicenseLists {
  /** Canonical SPDX ids; undefined when the policy has no allow-list. */
  allow?: readonly string[];
  deny?: readonly string[];
}

export interface LicenseCheck {
  verdict: LicenseVerdict;
  /** The expression in canonical form, when the licence is one. */
  expression?: string;
  /** One line: why the licence was allowed, denied or could not be judged. */
  reason: string;
}

type ExpressionNode = parseSpdxExpression.Info;
type LeafNode = parseSpdxExpression.LicenseInfo;

interface Judgement {
  verdict: LicenseVerdict;
  /** The licences that made it denied or unknown, with why. */
  blockers: string[];
}

/** Thrown inside a check when spdx-satisfies cannot read a licence (its id list may be older than the parser's). */
class UnreadableLicense extends Error {}

function safeSatisfies(expression: string, list: readonly string[]): boolean {
  try {
    return satisfies(expression, list);
  } catch {
    throw new UnreadableLicense(expression);
  }
}

function leafText(leaf: LeafNode): string {
  return `${leaf.license}${leaf.plus ? '+' : ''}`;
}

/** The licence an "or later" leaf names at its own version: `GPL-2.0-or-later` → `GPL-2.0-only`, `Apache-1.0+` → `Apache-1.0`. */
function ownVersions(leaf: LeafNode): string[] {
  if (leaf.license.endsWith('-or-later')) {
    const stem = leaf.license.slice(0, -'-or-later'.length);
    return [`${stem}-only`, stem];
  }
  return [leaf.license];
}

function isDenied(leaf: LeafNode, deny: readonly string[]): boolean {
  const candidates = ownVersions(leaf);
  for (const candidate of candidates) {
    try {
      return satisfies(candidate, deny);
    } catch {
      // `X-only` is not an id for every X: try the bare stem next.
    }
  }
  throw new UnreadableLicense(leaf.license);
}

function isListed(license: string, lists: LicenseLists): boolean {
  const lower = license.toLowerCase();
  return [...(lists.allow ?? []), ...(lists.deny ?? [])].some((id) => id.toLowerCase() === lower);
}

function judgeLeaf(leaf: LeafNode, lists: LicenseLists): Judgement {
  const shown = `${leafText(leaf)}${leaf.exception ? ` WITH ${leaf.exception}` : ''}`;
  if (leaf.license.startsWith('LicenseRef-') && !isListed(leaf.license, lists)) {
    return { verdict: 'unknown', blockers: [`${shown} is a custom licence that neither licenses.allow nor licenses.deny names`] };
  }
  if (lists.allow && !safeSatisfies(leafText(leaf), lists.allow)) {
    return { verdict: 'denied', blockers: [`${shown} is not in licenses.allow`] };
  }
  if (lists.deny && isDenied(leaf, lists.deny)) {
    return { verdict: 'denied', blockers: [`${shown} is in licenses.deny`] };
  }
  return { verdict: 'allowed', blockers: [] };
}

function combine(conjunction: 'and' | 'or', left: Judgement, right: Judgement): Judgement {
  const verdicts = [left.verdict, right.verdict];
  // Kleene's logic with allowed = true, denied = false, unknown = unknown.
  const [decisive, fallback]: LicenseVerdict[] = conjunction === 'or' ? ['allowed', 'denied'] : ['denied', 'allowed'];
  if (verdicts.includes(decisive!)) {
    const blockers = conjunction === 'and' ? [left, right].filter((j) => j.verdict === 'denied').flatMap((j) => j.blockers) : [];
    return { verdict: decisive!, blockers };
  }
  const verdict = verdicts.includes('unknown') ? 'unknown' : fallback!;
  return { verdict, blockers: [...left.blockers, ...right.blockers] };
}

function judge(node: ExpressionNode, lists: LicenseLists): Judgement {
  // Recursion is bounded: normalizeLicense refuses expressions over 500 characters.
  if ('conjunction' in node) return combine(node.conjunction, judge(node.left, lists), judge(node.right, lists));
  return judgeLeaf(node, lists);
}

/** Licences named in one reason; a long expression would make an unreadable line. */
const MAX_BLOCKERS_SHOWN = 3;

function describeBlockers(blockers: readonly string[]): string {
  const unique = [...new Set(blockers)];
  const shown = unique.slice(0, MAX_BLOCKERS_SHOWN).join('; ');
  return unique.length > MAX_BLOCKERS_SHOWN ? `${shown}; and ${unique.length - MAX_BLOCKERS_SHOWN} more` : shown;
}

function checkExpression(expression: string, lists: LicenseLists): LicenseCheck {
  let tree: ExpressionNode;
  try {
    tree = parseSpdxExpression(expression);
  } catch {
    return { verdict: 'unknown', expression, reason: `licence ${JSON.stringify(expression)} is not a valid SPDX expression` };
  }
  let judgement: Judgement;
  try {
    judgement = judge(tree, lists);
  } catch (error) {
    if (!(error instanceof UnreadableLicense)) throw error;
    return { verdict: 'unknown', expression, reason: `licence ${error.message} in ${expression} is not one the licence checker knows` };
  }
  switch (judgement.verdict) {
    case 'allowed':
      return { verdict: 'allowed', expression, reason: `${expression} is allowed by the policy's licence lists` };
    case 'denied':
      return { verdict: 'denied', expression, reason: `${expression} is not allowed: ${describeBlockers(judgement.blockers)}` };
    case 'unknown':
      return { verdict: 'unknown', expression, reason: `${expression} cannot be judged: ${describeBlockers(judgement.blockers)}` };
  }
}

/**
 * Judges licences against one policy's lists, remembering each expression:
 * an SBOM repeats the same few (`MIT`, `Apache-2.0`) thousands of times.
 */
export function createLicenseChecker(lists: LicenseLists): (license: string | undefined) => LicenseCheck {
  const seen = new Map<string, LicenseCheck>();
  return (license) => {
    const raw = license?.trim() ?? '';
    if (raw === '') return { verdict: 'unknown', reason: 'the SBOM states no licence for the package' };
    if (/^noassertion$/i.test(raw)) return { verdict: 'unknown', reason: 'the SBOM says NOASSERTION: its author could not tell the licence' };
    if (/^none$/i.test(raw)) return { verdict: 'unknown', reason: 'the SBOM says NONE: the package states no licence' };
    const cached = seen.get(raw);
    if (cached) return cached;
    const normalized = normalizeLicense(raw);
    const check = normalized.expression
      ? checkExpression(normalized.expression, lists)
      : { verdict: 'unknown' as const, reason: normalized.warning ?? `licence ${JSON.stringify(raw)} is not a valid SPDX expression` };
    seen.set(raw, check);
    return check;
  };
}

/**
 * The canonical spelling of a licence id written in a policy list, or an
 * error message: ids are matched case-insensitively by SPDX, but a misspelt
 * one would silently allow or deny nothing.
 */
export function canonicalLicenseId(id: string): { id: string } | { error: string } {
  const normalized = normalizeLicense(id).expression;
  if (normalized !== undefined && normalized.toLowerCase() === id.toLowerCase()) {
    try {
      satisfies(normalized, [normalized]);
      return { id: normalized };
    } catch {
      return { error: `${JSON.stringify(id)} is not an SPDX licence id the licence checker knows` };
    }
  }
  const hint = normalized !== undefined && !/\s/.test(normalized) ? ` (did you mean ${normalized}?)` : '';
  return { error: `${JSON.stringify(id)} is not an SPDX licence id${hint}` };
}
