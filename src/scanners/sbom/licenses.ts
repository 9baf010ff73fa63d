import { createHash } from 'node:crypto';
import { fixupSpdxId } from '@cyclonedx/cyclonedx-library/SPDX';
import parseSpdxExpression from 'spdx-expression-parse';

/**
 * Licences as SBOMs state them: SPDX licence expressions, validated. Package
 * metadata holds many older spellings; a few frequent ones are translated
 * (an explicit table, never a fuzzy match: a wrong licence is worse than none)
 * and anything else is reported as it was written.
 */

export interface NormalizedLicense {
  /** A valid SPDX expression (known ids in their canonical case), when the string is or maps to one. */
  expression?: string;
  /** One line naming the string, when it is not (or is deliberately not) an SPDX expression. */
  warning?: string;
}

/** Longer strings are licence texts pasted into a metadata field, never an expression. */
const MAX_EXPRESSION_LENGTH = 500;

/**
 * Frequent non-SPDX spellings from npm `license` fields, PyPI `License:`
 * fields and trove classifiers (the part after `License :: OSI Approved :: `),
 * keyed by lookupKey(). Only spellings that name one licence and version
 * unambiguously: `BSD`, `Apache`, `GPL`, `LGPLv2` and `Apache Software License`
 * could each be several licences, so they stay unmapped.
 */
const LEGACY_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['apache 2', 'Apache-2.0'],
  ['apache 2.0', 'Apache-2.0'],
  ['apache-2', 'Apache-2.0'],
  ['apache2', 'Apache-2.0'],
  ['apache license 2.0', 'Apache-2.0'],
  ['apache license v2', 'Apache-2.0'],
  ['apache license v2.0', 'Apache-2.0'],
  ['apache license version 2.0', 'Apache-2.0'],
  ['apache license, version 2.0', 'Apache-2.0'],
  ['the apache license, version 2.0', 'Apache-2.0'],
  ['the apache software license, version 2.0', 'Apache-2.0'],
  ['apache software license 2.0', 'Apache-2.0'],
  ['asl 2.0', 'Apache-2.0'],
  ['mit license', 'MIT'],
  ['mit licence', 'MIT'],
  ['the mit license', 'MIT'],
  ['the mit license (mit)', 'MIT'],
  ['mit/x11', 'MIT'],
  ['isc license', 'ISC'],
  ['isc license (iscl)', 'ISC'],
  ['bsd 3-clause', 'BSD-3-Clause'],
  ['bsd 3-clause license', 'BSD-3-Clause'],
  ['bsd-3', 'BSD-3-Clause'],
  ['3-clause bsd', 'BSD-3-Clause'],
  ['3-clause bsd license', 'BSD-3-Clause'],
  ['new bsd', 'BSD-3-Clause'],
  ['new bsd license', 'BSD-3-Clause'],
  ['modified bsd', 'BSD-3-Clause'],
  ['modified bsd license', 'BSD-3-Clause'],
  ['revised bsd', 'BSD-3-Clause'],
  ['bsd 2-clause', 'BSD-2-Clause'],
  ['bsd 2-clause license', 'BSD-2-Clause'],
  ['bsd-2', 'BSD-2-Clause'],
  ['2-clause bsd', 'BSD-2-Clause'],
  ['simplified bsd', 'BSD-2-Clause'],
  ['simplified bsd license', 'BSD-2-Clause'],
  ['freebsd', 'BSD-2-Clause'],
  ['mpl 2.0', 'MPL-2.0'],
  ['mpl-2', 'MPL-2.0'],
  ['mpl2', 'MPL-2.0'],
  ['mozilla public license 2.0', 'MPL-2.0'],
  ['mozilla public license 2.0 (mpl 2.0)', 'MPL-2.0'],
  ['cc0', 'CC0-1.0'],
  ['cc0 1.0', 'CC0-1.0'],
  ['cc0 1.0 universal (cc0 1.0) public domain dedication', 'CC0-1.0'],
  ['the unlicense', 'Unlicense'],
  ['the unlicense (unlicense)', 'Unlicense'],
  ['eclipse public license 2.0', 'EPL-2.0'],
  ['eclipse public license 2.0 (epl-2.0)', 'EPL-2.0'],
  ['boost software license 1.0 (bsl-1.0)', 'BSL-1.0'],
  ['european union public licence 1.2 (eupl 1.2)', 'EUPL-1.2'],
  // Trove classifiers say "only" and "or later" apart, so these are exact.
  ['gnu general public license v2 (gplv2)', 'GPL-2.0-only'],
  ['gnu general public license v2 or later (gplv2+)', 'GPL-2.0-or-later'],
  ['gnu general public license v3 (gplv3)', 'GPL-3.0-only'],
  ['gnu general public license v3 or later (gplv3+)', 'GPL-3.0-or-later'],
  ['gnu lesser general public license v3 (lgplv3)', 'LGPL-3.0-only'],
  ['gnu lesser general public license v3 or later (lgplv3+)', 'LGPL-3.0-or-later'],
  ['gnu affero general public license v3', 'AGPL-3.0-only'],
  ['gnu affero general public license v3 or later (agplv3+)', 'AGPL-3.0-or-later'],
]);

/** Strings that look like a licence but cannot be mapped to one, with the reason. */
const AMBIGUOUS: ReadonlyMap<string, string> = new Map([
  ['bsd', 'BSD-2-Clause or BSD-3-Clause?'],
  ['bsd license', 'BSD-2-Clause or BSD-3-Clause?'],
  ['apache', 'no version'],
  ['apache license', 'no version'],
  ['apache software license', 'no version'],
  ['gpl', 'no version'],
  ['lgpl', 'no version'],
]);

function lookupKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/\.$/, '').toLowerCase();
}

/** A string for a one-line message: quoted, escaped, shortened. */
export function quoteLicense(raw: string): string {
  const oneLine = raw.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine);
}

/**
 * Puts known ids, operators and the `LicenseRef-` prefix in their canonical
 * case: SPDX matches licence ids case-insensitively, but the parser (and the
 * schemas that list ids) do not.
 */
function canonicalCase(text: string): string {
  return text.replace(/[A-Za-z0-9.-]+/g, (word) => {
    const upper = word.toUpperCase();
    if (upper === 'AND' || upper === 'OR' || upper === 'WITH') return upper;
    if (upper.startsWith('LICENSEREF-')) return `LicenseRef-${word.slice('LicenseRef-'.length)}`;
    if (upper.startsWith('DOCUMENTREF-')) return `DocumentRef-${word.slice('DocumentRef-'.length)}`;
    return fixupSpdxId(word) ?? word;
  });
}

type ExpressionNode = parseSpdxExpression.Info;

/** The expression written back with the fewest parentheses (only an OR inside an AND needs them). */
function formatExpression(node: ExpressionNode): string {
  if ('conjunction' in node) {
    const side = (child: ExpressionNode) => {
      const text = formatExpression(child);
      return node.conjunction === 'and' && 'conjunction' in child && child.conjunction === 'or' ? `(${text})` : text;
    };
    return `${side(node.left)} ${node.conjunction.toUpperCase()} ${side(node.right)}`;
  }
  return `${node.license}${node.plus ? '+' : ''}${node.exception ? ` WITH ${node.exception}` : ''}`;
}

/** The canonical form of a valid SPDX expression, else undefined. */
function parseExpression(text: string): string | undefined {
  const candidate = canonicalCase(text.replace(/\s+/g, ' ').trim());
  // A DocumentRef points into another SPDX document, which no SBOM of ours references.
  if (candidate === '' || candidate.includes('DocumentRef-')) return undefined;
  try {
    return formatExpression(parseSpdxExpression(candidate));
  } catch {
    return undefined;
  }
}

/** One licence written the old way: a table spelling or a lone id in any case. */
function translateOne(part: string): string | undefined {
  // Composer and npm's `licenses` lists, joined, wrap names that have spaces in parentheses.
  const unwrapped = /^\s*\((.*)\)\s*$/.exec(part)?.[1] ?? part;
  const known = LEGACY_SPELLINGS.get(lookupKey(part)) ?? LEGACY_SPELLINGS.get(lookupKey(unwrapped));
  if (known) return known;
  const trimmed = unwrapped.trim();
  return /^[A-Za-z0-9.+-]+$/.test(trimmed) ? parseExpression(trimmed) : undefined;
}

/**
 * `MIT/Apache-2.0` (a choice, as npm and PyPI used it before SPDX) and lists
 * of legacy names joined by upper-case `OR`/`AND` (lower-case "or" is part of
 * names such as "GPLv3 or later").
 */
function translateLegacy(text: string): string | undefined {
  const whole = translateOne(text);
  if (whole) return whole;
  const tokens = text.split(/\s+(OR|AND)\s+|\s*\/\s*/);
  if (tokens.length < 2) return undefined;
  const parts: string[] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    const name = tokens[i];
    if (name === undefined || name.trim() === '') return undefined;
    const id = translateOne(name);
    if (!id) return undefined;
    const joiner = i === 0 ? undefined : (tokens[i - 1] ?? 'OR');
    parts.push(...(joiner ? [joiner, `(${id})`] : [`(${id})`]));
  }
  return parseExpression(parts.join(' '));
}

/**
 * A licence string from a lockfile or package metadata as an SPDX expression.
 * Valid expressions come back in canonical form (`mit OR apache-2.0` →
 * `MIT OR Apache-2.0`); a few legacy spellings are translated; anything else
 * has no expression and a one-line warning naming it. `UNLICENSED` and
 * `SEE LICENSE IN <file>` (npm's ways to say "no licence granted" and "read
 * this file") are not licences, so they are warned about like cyclonedx-npm does.
 */
export function normalizeLicense(raw: string): NormalizedLicense {
  // A project has a few dozen distinct licence strings over thousands of packages.
  let known = NORMALIZED.get(raw);
  if (!known) {
    if (NORMALIZED.size >= NORMALIZED_MAX) NORMALIZED.clear();
    known = Object.freeze(normalizeUncached(raw));
    NORMALIZED.set(raw, known);
  }
  return known;
}

const NORMALIZED = new Map<string, Readonly<NormalizedLicense>>();
const NORMALIZED_MAX = 10_000;

function normalizeUncached(raw: string): NormalizedLicense {
  const text = raw.trim();
  if (text === '') return {};
  const quoted = quoteLicense(text);
  if (/^unlicensed$/i.test(text)) {
    return { warning: `licence ${quoted} is not an SPDX expression: the package grants no licence (npm's UNLICENSED)` };
  }
  if (/^see licen[cs]e in\b/i.test(text)) {
    return { warning: `licence ${quoted} is not an SPDX expression: the terms are in a file of the package` };
  }
  if (text.length > MAX_EXPRESSION_LENGTH || /[\r\n]/.test(text)) {
    return { warning: `licence ${quoted} is not an SPDX expression (it looks like a licence text)` };
  }
  const expression = parseExpression(text) ?? translateLegacy(text);
  if (expression) return { expression };
  const ambiguity = AMBIGUOUS.get(lookupKey(text));
  if (ambiguity) return { warning: `licence ${quoted} is not an SPDX expression and names no single licence (${ambiguity})` };
  return { warning: `licence ${quoted} is not a valid SPDX expression` };
}

/** The `LicenseRef-` ids an expression uses (each must be described in an SPDX document). */
export function licenseRefsOf(expression: string): string[] {
  return [...new Set(expression.match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? [])].sort();
}

/** Longest readable part of a generated LicenseRef id. */
const MAX_REF_NAME_LENGTH = 40;

/**
 * A stable SPDX `LicenseRef-` id for a licence string that is not an SPDX
 * expression, for documents that must state it anyway (SPDX
 * `hasExtractedLicensingInfos`). A string that is already a valid idstring
 * keeps its spelling (`UNLICENSED` → `LicenseRef-UNLICENSED`); otherwise the
 * readable part gets a hash of the string so two strings never share an id.
 * SPDX compares ids case-insensitively, so the hash is of the lower-cased
 * string: strings that differ only in case name the same licence.
 */
export function licenseRefFor(raw: string): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  const readable = text
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_REF_NAME_LENGTH)
    .replace(/[-.]+$/, '');
  if (readable !== '' && readable === text) return `LicenseRef-${readable}`;
  const hash = createHash('sha256').update(text.toLowerCase()).digest('hex').slice(0, 12);
  return `LicenseRef-${readable === '' ? '' : `${readable}-`}${hash}`;
}
