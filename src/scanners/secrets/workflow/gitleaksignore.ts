import { readFile } from 'node:fs/promises';
import { UsageError, describeError } from '../../../core/errors.js';
import { GITLEAKS_RULE_EQUIVALENTS, gitleaksRuleIdMatches } from './gitleaks-rule-ids.js';

/**
 * `.gitleaksignore`: one gitleaks fingerprint per line, `#` comments and blank
 * lines ignored. gitleaks writes two forms:
 *   file:rule-id:start-line                a finding in the working tree, any commit
 *   commit:file:rule-id:start-line         a finding in one commit of the history
 * Entries are read from the right (the line, then the rule), so a path may
 * hold colons; backslashes are read as `/` (gitleaks on Windows writes them).
 * A leading part of 40 or 64 hex digits followed by `:` is a commit id, as
 * gitleaks always writes full ids.
 *
 * Because these fingerprints carry a line number, an entry stops matching as
 * soon as lines above the secret change; our baseline (baseline.ts) does not
 * have that weakness. This file exists so a repository moving from gitleaks
 * keeps its ignores.
 */

/** The name gitleaks looks for at the repository root. */
export const GITLEAKSIGNORE_FILE = '.gitleaksignore';

export interface GitleaksIgnoreEntry {
  /** Lower-case full commit id, for the commit form. */
  commit?: string;
  path: string;
  /** As written: a gitleaks rule id, or one of ours. */
  ruleId: string;
  line: number;
}

export interface GitleaksIgnore {
  entries: GitleaksIgnoreEntry[];
  /** Lines that are not fingerprints (gitleaks warns and skips them; so do we, through the caller). */
  invalid: { lineNumber: number; text: string }[];
}

const COMMIT_PREFIX = /^([0-9a-f]{40}|[0-9a-f]{64}):(.+)$/i;

/** Parses the text of a .gitleaksignore file. */
export function parseGitleaksIgnore(text: string): GitleaksIgnore {
  const entries: GitleaksIgnoreEntry[] = [];
  const invalid: GitleaksIgnore['invalid'] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const entry = parseEntry(line.replaceAll('\\', '/'));
    if (entry) entries.push(entry);
    else invalid.push({ lineNumber: index + 1, text: line });
  });
  return { entries, invalid };
}

function parseEntry(line: string): GitleaksIgnoreEntry | undefined {
  const lineSep = line.lastIndexOf(':');
  if (lineSep <= 0) return undefined;
  const ruleSep = line.lastIndexOf(':', lineSep - 1);
  if (ruleSep <= 0 || ruleSep === lineSep - 1) return undefined;
  const lineText = line.slice(lineSep + 1);
  if (!/^\d+$/.test(lineText)) return undefined;
  const ruleId = line.slice(ruleSep + 1, lineSep);
  const prefix = line.slice(0, ruleSep);
  const commit = COMMIT_PREFIX.exec(prefix);
  const path = commit ? (commit[2] as string) : prefix;
  const entry: GitleaksIgnoreEntry = { path: path.replace(/^\.\//, ''), ruleId, line: Number(lineText) };
  if (commit) entry.commit = (commit[1] as string).toLowerCase();
  return entry;
}

/** Reads a .gitleaksignore file; an unreadable file is a UsageError naming it. */
export async function readGitleaksIgnore(file: string): Promise<GitleaksIgnore> {
  try {
    return parseGitleaksIgnore(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: could not read the gitleaks ignore file (${describeError(error)})`);
  }
}

/** What a finding is matched on. `commit` only for findings from a history scan. */
export interface GitleaksIgnoreTarget {
  ruleId: string;
  path: string;
  /** 1-based start line of the finding. */
  line: number;
  commit?: string;
}

/**
 * True when an entry ignores the finding: same path, same start line, a rule
 * id that is ours or its gitleaks equivalent, and, for the commit form, the
 * same commit. As in gitleaks, a commit entry never matches a working-tree
 * finding, and an entry without a commit matches in any commit.
 */
export function isIgnoredByGitleaks(
  ignore: GitleaksIgnore,
  finding: GitleaksIgnoreTarget,
  equivalents: Readonly<Record<string, readonly string[]>> = GITLEAKS_RULE_EQUIVALENTS,
): boolean {
  const commit = finding.commit?.toLowerCase();
  return ignore.entries.some(
    (entry) =>
      entry.line === finding.line &&
      entry.path === finding.path &&
      (entry.commit === undefined || entry.commit === commit) &&
      gitleaksRuleIdMatches(entry.ruleId, finding.ruleId, equivalents),
  );
}
