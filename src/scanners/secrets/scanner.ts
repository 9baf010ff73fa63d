import { inShard } from '../../core/action/shard.js';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore from 'ignore';
import type { ScanRequest, ScanResult, Scanner } from '../../core/action/scanner.js';
import type { SecretsSection } from '../../core/config/sections/secrets.js';
import { findingSchema, type Finding, type SkippedItem } from '../../core/findings.js';
import { addedLines } from '../../core/git/diff.js';
import { headCommit } from '../../core/git/head.js';
import { runGit } from '../../core/git/run-git.js';
import type { LineRange } from '../../core/git/unified-diff.js';
import type { InputSetting } from '../../core/inputs/input-types.js';
import { overridableBooleanInput, overridableStringInput } from '../../core/inputs/input-types.js';
import { scoreForSeverity } from '../../core/severity.js';
import { walkWorkspace } from '../../core/workspace/walk.js';
import { compileAllowlists, compileRulePathFilters, findAllowingList } from './allowlist.js';
import { customRuleToSecretRule, loadRuleSet, scanFiles, scanText, type CompiledRules, type RuleSetSpec } from './engine/index.js';
import { describeSecretRule } from './help.js';
import { BUILTIN_RULES } from './rules/index.js';
import type { SecretRule } from './rule.js';
import type { SecretMatch } from './types.js';
import { allowMarkerFor, disabledBlocks } from './workflow/allow-comments.js';
import { isInBaseline, readBaselineIfPresent, type Baseline } from './workflow/baseline.js';
import { specsFromConfig, type AllowlistSpec, type CustomRuleSpec } from './workflow/custom-rules.js';
import { fingerprintFromHash, redactSecret, defaultSecretHasher } from './workflow/fingerprint.js';
import { locateGitleaksFiles, readGitleaksConfig } from './workflow/gitleaks-config.js';
import { isIgnoredByGitleaks, readGitleaksIgnore, type GitleaksIgnore } from './workflow/gitleaksignore.js';
import { scanHistory } from './workflow/history.js';
import { scanStaged } from './workflow/staged.js';

/** What the action's own inputs give the scanner (beyond the common ones). */
interface SecretsInputs {
  'scan-history'?: InputSetting<boolean>;
  baseline?: InputSetting<string | undefined>;
}

/** A match on its way to a finding: where it came from in history, if it did. */
interface Located {
  match: SecretMatch;
  commit?: { sha: string; author: string; date: string; atHead: boolean };
  /** The line before the match, for next-line allow markers, when known. */
  previousLine?: string;
  /** Found on a line the change (pull request, push, staged) adds: new by definition. */
  inChange?: boolean;
  /** Inside a `secretlint-disable` … `secretlint-enable` block. */
  inDisabledBlock?: boolean;
}

/** Everything about the rules of one run, after the config and any .gitleaks.toml. */
interface RunRules {
  spec: RuleSetSpec;
  rules: Map<string, SecretRule>;
  allowlists: ReturnType<typeof compileAllowlists>;
  pathFilters: Map<string, (path: string) => boolean>;
  gitleaksIgnore?: GitleaksIgnore;
  notes: string[];
}

/** Counts of what was found but not reported, for the summary. */
interface Quieted {
  allowComment: number;
  allowlist: number;
  gitleaksIgnore: number;
}

export const secretsScanner: Scanner = {
  id: 'secrets-scan',
  title: 'Secrets scan',
  configSection: 'secrets',
  defaultFailOn: 'any',
  inputs: {
    'scan-history': overridableBooleanInput(false),
    baseline: overridableStringInput(),
  },
  scan: scanSecrets,
};

/** Relative path from the repository root, forward slashes. */
function repoRelative(repoRoot: string, absolute: string): string {
  return path.relative(repoRoot, absolute).split(path.sep).join('/');
}

async function prepareRules(request: ScanRequest, section: SecretsSection): Promise<RunRules> {
  const notes: string[] = [];
  const fromConfig = specsFromConfig(section, '.github/devsecops.yml');
  const customRules: CustomRuleSpec[] = [...fromConfig.rules];
  const allowlists: AllowlistSpec[] = [...fromConfig.allowlists];
  const disabled = new Set(section.disable);
  let builtin = true;
  let gitleaksIgnore: GitleaksIgnore | undefined;

  const located = await locateGitleaksFiles(request.repoRoot, section['gitleaks-config']);
  if (located.config) {
    const imported = await readGitleaksConfig(located.config);
    customRules.push(...imported.rules);
    allowlists.push(...imported.allowlists);
    for (const id of imported.disabledRules) disabled.add(id);
    builtin = imported.keepBuiltIns;
    for (const warning of imported.warnings) request.logger.warning(warning);
    notes.push(
      `Imported ${imported.rules.length} rule(s) and ${imported.allowlists.length} allowlist(s) from ${repoRelative(request.repoRoot, located.config)}${builtin ? '' : '; the built-in rules are off, as its [extend] says'}.`,
    );
  }
  if (located.ignore) gitleaksIgnore = await readGitleaksIgnore(located.ignore);

  const spec: RuleSetSpec = { builtin, disabledRuleIds: [...disabled], customRules };
  // Compile once here so that a bad custom rule is one clear error before any file is read.
  await loadRuleSet(spec, request.logger);
  const rules = new Map<string, SecretRule>();
  if (builtin) for (const rule of BUILTIN_RULES) if (!disabled.has(rule.id)) rules.set(rule.id, rule);
  for (const rule of customRules) rules.set(rule.id, customRuleToSecretRule(rule));
  return {
    spec,
    rules,
    allowlists: compileAllowlists(allowlists, customRules),
    pathFilters: compileRulePathFilters(customRules),
    ...(gitleaksIgnore ? { gitleaksIgnore } : {}),
    notes,
  };
}

/**
 * Finds credentials: in every file (`all`), on the lines a change adds
 * (`changes`: the whole head version of each changed file is scanned, so
 * multi-line keys and pairs keep their context, and a match is kept when it
 * touches an added line), in what is staged, and optionally in the history.
 * Each match passes the allow comments, allowlists, .gitleaksignore and the
 * baseline before it becomes a finding that shows only a redacted preview.
 */
async function scanSecrets(request: ScanRequest): Promise<ScanResult> {
  const section = request.config.secrets;
  const inputs = request.inputs as SecretsInputs;
  const logger = request.logger;
  const runRules = await prepareRules(request, section);
  const maxFileBytes = section['max-file-size'];
  const skipped: SkippedItem[] = [];
  const notes = [...runRules.notes];
  const isIgnoredPath = request.ignore.length > 0 ? ignore().add(request.ignore) : undefined;
  const keepPath = (p: string) => !isIgnoredPath?.ignores(p) && inShard(p, request.shard);
  const located: Located[] = [];
  let compiled: CompiledRules | undefined;
  const compiledRules = async () => (compiled ??= await loadRuleSet(runRules.spec));
  const scope = request.scope;

  if (scope.kind === 'all') {
    const walk = await walkWorkspace({ root: request.root, maxFileBytes, logger, sniffBinary: false });
    const prefix = repoRelative(request.repoRoot, request.root);
    const withPrefix = (p: string) => (prefix ? `${prefix}/${p}` : p);
    skipped.push(...walk.skipped.map((s) => ({ ...s, path: withPrefix(s.path) })).filter((s) => inShard(s.path, request.shard)));
    const files = walk.files.map((f) => ({ ...f, path: withPrefix(f.path) })).filter((f) => keepPath(f.path));
    const result = await scanFiles(files, { rules: runRules.spec, logger, ...workerOption() });
    skipped.push(...result.skipped);
    for (const match of result.matches) located.push({ match });
  } else if (scope.kind === 'changes') {
    const added = await addedLines(request.repoRoot, scope.base, scope.head, { logger });
    const inScope = [...added.keys()].filter((p) => keepPath(p) && isInside(request.repoRoot, request.root, p));
    const matches = await scanHeadVersions({ request, paths: inScope, head: scope.head, spec: runRules.spec, compiledRules, maxFileBytes, skipped });
    for (const match of matches) {
      if (touchesAddedLine(match, added.get(match.path) ?? [])) located.push({ match, inChange: true });
    }
  } else {
    const rules = await compiledRules();
    const staged = await scanStaged({ root: request.repoRoot, scan: (text, p) => scanText(text, { path: p, rules }).matches, maxFileBytes });
    skipped.push(...staged.skipped);
    for (const match of staged.matches) if (keepPath(match.path)) located.push({ match, inChange: true });
  }

  const wantsHistory = inputs['scan-history']?.explicit ? inputs['scan-history'].value : section['scan-history'];
  if (wantsHistory && scope.kind !== 'staged') {
    const rules = await compiledRules();
    const history = await scanHistory({
      root: request.repoRoot,
      scan: (text, p) => scanText(text, { path: p, rules }).matches,
      logger,
      maxFileBytes,
      ...(request.shard ? { scanPath: (p: string) => inShard(p, request.shard) } : {}),
    });
    skipped.push(...history.skipped);
    notes.push(`History: ${history.commits} commit(s) scanned; ${history.findings.length} secret(s) ever committed.`);
    for (const found of history.findings) {
      if (!keepPath(found.match.path)) continue;
      located.push({
        match: found.match,
        commit: { sha: found.commit, author: found.author.name, date: found.date, atHead: found.atHead },
      });
    }
  }

  const baselineFile = inputs.baseline?.value ?? section.baseline;
  const baseline = await readBaselineIfPresent(path.resolve(request.repoRoot, baselineFile));
  const quieted: Quieted = { allowComment: 0, allowlist: 0, gitleaksIgnore: 0 };
  const distinct = dropOverlapped(located);
  await addFileContext(request.repoRoot, distinct);
  const kept = distinct.filter((item) => !isQuieted(item, runRules, quieted));
  const findings = await toFindings(kept, { baseline, changes: scope.kind !== 'all' });
  notes.push(...describeQuieted(quieted, baseline ? { file: baselineFile, matched: findings.filter((f) => f.isNew === false).length } : undefined));

  const usedRules = new Set(findings.map((f) => f.ruleId));
  return {
    rules: [...runRules.rules.values()]
      .filter((rule) => usedRules.has(rule.id))
      .map((rule) => describeSecretRule(rule)),
    findings,
    skipped,
    baselineCompared: scope.kind !== 'all' || baseline !== undefined,
    partial: scope.kind !== 'all',
    executionSuccessful: !skipped.some((s) => s.reason.includes('cut short')),
    notes,
  };
}

const CONFIDENCE_RANK = { high: 0, medium: 1, low: 2 } as const;

/**
 * One credential, one finding: where a vendor rule and a generic one (or two
 * rules of one vendor) match the same characters, only the most confident
 * match is kept, so a GitHub token assigned to `token = …` is not reported
 * twice.
 */
function dropOverlapped(items: Located[]): Located[] {
  const offsetOf = (m: SecretMatch) => [m.startLine, m.startColumn, m.endLine, m.endColumn] as const;
  const overlaps = (a: SecretMatch, b: SecretMatch) => {
    const [al, ac, ael, aec] = offsetOf(a);
    const [bl, bc, bel, bec] = offsetOf(b);
    const aStartsBeforeBEnds = al < bel || (al === bel && ac < bec);
    const bStartsBeforeAEnds = bl < ael || (bl === ael && bc < aec);
    return aStartsBeforeBEnds && bStartsBeforeAEnds;
  };
  const groups = new Map<string, Located[]>();
  for (const item of items) {
    const key = `${item.commit?.sha ?? ''}\0${item.match.path}`;
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  const kept: Located[] = [];
  for (const list of groups.values()) {
    const ranked = [...list].sort((a, b) => CONFIDENCE_RANK[a.match.rule.confidence] - CONFIDENCE_RANK[b.match.rule.confidence]);
    const chosen: Located[] = [];
    for (const item of ranked) {
      if (!chosen.some((c) => overlaps(c.match, item.match))) chosen.push(item);
    }
    kept.push(...chosen);
  }
  return kept;
}

function isInside(repoRoot: string, root: string, repoPath: string): boolean {
  const rel = path.relative(root, path.join(repoRoot, repoPath));
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

function touchesAddedLine(match: SecretMatch, ranges: readonly LineRange[]): boolean {
  return ranges.some((r) => match.startLine <= r.end && match.endLine >= r.start);
}

/**
 * Scans the head version of changed files. When the checkout is the head
 * commit, the files on disk are that version and the worker pool can read
 * them; on a pull request's merge commit, the head blobs come from git.
 */
async function scanHeadVersions(options: {
  request: ScanRequest;
  paths: string[];
  head: string;
  spec: RuleSetSpec;
  compiledRules: () => Promise<CompiledRules>;
  maxFileBytes: number;
  skipped: SkippedItem[];
}): Promise<SecretMatch[]> {
  const { request, paths } = options;
  if (paths.length === 0) return [];
  const checkedOut = await headCommit(request.repoRoot);
  if (checkedOut === options.head) {
    const files: Array<{ path: string; absolutePath: string; size: number }> = [];
    for (const p of paths) {
      const absolutePath = path.join(request.repoRoot, p);
      const bytes = await stat(absolutePath).then((s) => (s.isFile() ? s.size : -1), () => -1);
      if (bytes < 0) continue;
      if (bytes > options.maxFileBytes) {
        options.skipped.push({ path: p, reason: `larger than ${options.maxFileBytes} bytes (max-file-size)` });
        continue;
      }
      files.push({ path: p, absolutePath, size: bytes });
    }
    const result = await scanFiles(files, { rules: options.spec, logger: request.logger, ...workerOption() });
    options.skipped.push(...result.skipped);
    return result.matches;
  }
  const rules = await options.compiledRules();
  const matches: SecretMatch[] = [];
  for (const p of paths) {
    const blob = await runGit(['show', `${options.head}:${p}`], { cwd: request.repoRoot, okExitCodes: [128], maxOutputBytes: options.maxFileBytes + 1 }).catch(() => undefined);
    if (!blob || blob.exitCode !== 0) continue;
    if (Buffer.byteLength(blob.stdout) > options.maxFileBytes) {
      options.skipped.push({ path: p, reason: `larger than ${options.maxFileBytes} bytes (max-file-size)` });
      continue;
    }
    const result = scanText(blob.stdout, { path: p, rules });
    if (result.truncated) options.skipped.push({ path: p, reason: `scan cut short: ${result.truncated.reason}` });
    matches.push(...result.matches);
  }
  return matches;
}

/**
 * Next-line allow markers (`pragma: allowlist nextline secret`) sit on the line
 * before the secret, and secretlint's block comments lines away: read the few
 * files that have matches for both.
 */
async function addFileContext(repoRoot: string, located: Located[]): Promise<void> {
  const byPath = new Map<string, Located[]>();
  for (const item of located) {
    if (item.commit) continue;
    const list = byPath.get(item.match.path) ?? [];
    list.push(item);
    byPath.set(item.match.path, list);
  }
  for (const [p, items] of byPath) {
    const text = await readFile(path.join(repoRoot, p), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const lines = text.split(/\r\n|\r|\n/);
    const blocks = disabledBlocks(text);
    for (const item of items) {
      item.previousLine = lines[item.match.startLine - 2];
      item.inDisabledBlock = blocks.some((b) => item.match.startLine >= b.start && item.match.startLine <= b.end);
    }
  }
}

function isQuieted(item: Located, runRules: RunRules, quieted: Quieted): boolean {
  const { match } = item;
  const pathFilter = runRules.pathFilters.get(match.rule.id);
  if (pathFilter && !pathFilter(match.path)) return true;
  if (item.inDisabledBlock || allowMarkerFor(match.lineText, item.previousLine)) {
    quieted.allowComment++;
    return true;
  }
  const candidate = { ruleId: match.rule.id, path: match.path, secret: match.secret, lineText: match.lineText, ...(item.commit ? { commit: item.commit.sha } : {}) };
  if (findAllowingList(runRules.allowlists, candidate)) {
    quieted.allowlist++;
    return true;
  }
  if (runRules.gitleaksIgnore && isIgnoredByGitleaks(runRules.gitleaksIgnore, { ruleId: match.rule.id, path: match.path, line: match.startLine, ...(item.commit ? { commit: item.commit.sha } : {}) })) {
    quieted.gitleaksIgnore++;
    return true;
  }
  return false;
}

function describeQuieted(quieted: Quieted, baseline?: { file: string; matched: number }): string[] {
  const parts: string[] = [];
  if (quieted.allowComment) parts.push(`${quieted.allowComment} by inline allow comments`);
  if (quieted.allowlist) parts.push(`${quieted.allowlist} by allowlists`);
  if (quieted.gitleaksIgnore) parts.push(`${quieted.gitleaksIgnore} by .gitleaksignore`);
  const notes = parts.length ? [`Not reported: ${parts.join(', ')}.`] : [];
  if (baseline?.matched) notes.push(`${baseline.matched} finding(s) are recorded in the baseline ${baseline.file}: reported as existing, they do not fail the run.`);
  return notes;
}

/**
 * Turns matches into findings: one per secret and place (a secret found both
 * in the tree and in history keeps its tree location and gains the commit that
 * introduced it), each showing only a redacted preview and a fingerprint that
 * cannot be turned back into the value.
 */
async function toFindings(items: Located[], options: { baseline: Baseline | undefined; changes: boolean }): Promise<Finding[]> {
  const hashes = await defaultSecretHasher.hashAll(items.map((item) => ({ ruleId: item.match.rule.id, secret: item.match.secret })));
  const byFingerprint = new Map<string, { item: Located; secretHash: string }>();
  items.forEach((item, index) => {
    const secretHash = hashes[index]!;
    const fingerprint = fingerprintFromHash({ ruleId: item.match.rule.id, path: item.match.path, secretHash });
    const existing = byFingerprint.get(fingerprint);
    if (!existing) {
      byFingerprint.set(fingerprint, { item, secretHash });
    } else if (existing.item.commit && !item.commit) {
      byFingerprint.set(fingerprint, { item: { ...item, commit: existing.item.commit, inChange: item.inChange || existing.item.inChange }, secretHash });
    } else {
      if (!existing.item.commit && item.commit) existing.item.commit = item.commit;
      if (item.inChange) existing.item.inChange = true;
    }
  });
  const findings: Finding[] = [];
  for (const [fingerprint, { item, secretHash }] of byFingerprint) {
    const { match, commit } = item;
    const rule = match.rule;
    const inBaseline = options.baseline ? isInBaseline(options.baseline, { ruleId: rule.id, path: match.path, secretHash }) : undefined;
    // New: on a line the change adds, or (scanning everything) missing from the
    // baseline. A secret only in older history, met while checking a change,
    // is existing: it must not fail the change.
    const isNew = inBaseline === true ? false : item.inChange ? true : options.changes ? false : options.baseline ? true : undefined;
    const preview = redactSecret(match.secret);
    const history = commit
      ? ` Introduced in commit ${commit.sha.slice(0, 12)} by ${commit.author} on ${commit.date.slice(0, 10)}${commit.atHead ? '' : '; no longer in the current files, but still in the history'}.`
      : '';
    findings.push(
      findingSchema.parse({
        tool: 'devsecops',
        ruleId: rule.id,
        severity: rule.severity,
        score: scoreForSeverity(rule.severity),
        message: `${rule.title} found: ${preview}.${history}`,
        location: { path: match.path, startLine: match.startLine, startColumn: match.startColumn, endLine: match.endLine, endColumn: match.endColumn },
        fingerprint,
        ...(isNew !== undefined ? { isNew } : {}),
        remediation: `Revoke and rotate it: ${rule.remediation.revoke} (${rule.remediation.docsUrl}). Then remove it from the code and, if needed, from the history.`,
        tags: ['secret', rule.provider],
        ...(commit ? { commit: { sha: commit.sha, author: commit.author, date: commit.date } } : {}),
        properties: { redacted: preview, confidence: rule.confidence, provider: rule.provider, secretHash, ...(commit ? { atHead: commit.atHead } : {}) },
      }),
    );
  }
  return findings;
}

/**
 * DEVSECOPS_WORKERS overrides how many worker threads scan files (0 scans on
 * the main thread): for runners whose core count misleads, and for measuring.
 */
function workerOption(): { workers?: number } {
  const raw = process.env['DEVSECOPS_WORKERS'];
  if (raw === undefined || !/^\d{1,3}$/.test(raw)) return {};
  return { workers: Number(raw) };
}
