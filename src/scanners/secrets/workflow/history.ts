import { DIFF_FLAGS } from '../../../core/git/diff.js';
import type { SkippedItem } from '../../../core/findings.js';
import { headCommit } from '../../../core/git/head.js';
import { assertRevision, createLineSplitter, runGit, streamGit } from '../../../core/git/run-git.js';
import { UnifiedDiffParser, diffPath, type FileDiff } from '../../../core/git/unified-diff.js';
import { silentLogger, type Logger } from '../../../core/logger.js';
import type { SecretMatch } from '../types.js';
import { defaultSecretHasher, type SecretHasher } from './fingerprint.js';
import { addedBytes, scanAddedLines, type ScanText } from './scan-added-lines.js';

/**
 * Scans the history of a repository: every commit reachable from HEAD (or in
 * a range), looking only at the lines each commit added, so each secret is
 * reported once, with the commit that introduced it, its author and date, and
 * whether it is still in the tip of the scan.
 *
 * Speed: one `git log -p` streams every commit's diff through the streaming
 * diff parser (never the whole history in memory), instead of one git call per
 * commit; after the walk, two batched calls read the tip versions of the files
 * that had findings. Secrets are deduplicated on rule, path and raw value in
 * memory; the slow hash is computed once per reported finding.
 *
 * Merge commits are not diffed (`--no-merges`): their changes are those of
 * their parents, which are scanned. A secret written only while resolving a
 * merge conflict is therefore missed.
 */

export interface HistoryScanOptions {
  root: string;
  /** Commits reachable from `to` but not from `from`; default everything reachable from HEAD. */
  range?: { from?: string; to: string };
  /** Scans a text as the file at `path` (the engine's scanText). */
  scan: ScanText;
  logger?: Logger;
  signal?: AbortSignal;
  /** Added text of one file in one commit beyond this many bytes is skipped and reported (default 1 MiB). */
  maxFileBytes?: number;
  hasher?: SecretHasher;
  /**
   * Scan the added lines of these paths only (a shard's); renames are still
   * followed for every path, so a secret is reported by the shard of the path
   * that introduced it, wherever it lives now.
   */
  scanPath?: (path: string) => boolean;
}

export interface HistoryFinding {
  /** The match as the introducing commit added it: path and lines of that version. */
  match: SecretMatch;
  /** The slow hash of the value (fingerprint.ts), for baselines. */
  secretHash: string;
  /** The first commit (parents before children) that added this secret at this path. */
  commit: string;
  author: { name: string; email: string };
  /** Author date, ISO 8601 with the author's offset. */
  date: string;
  /** Whether the value is still in the file at the tip (HEAD, or `range.to`). */
  atHead: boolean;
  /** The file's path at the tip when it was renamed since; undefined when the file was deleted. */
  headPath?: string;
}

export interface HistoryScanResult {
  findings: HistoryFinding[];
  /** Commits walked (merges excluded). */
  commits: number;
  /** Files whose added lines could not be scanned (binary, too large …), once per path. */
  skipped: SkippedItem[];
}

const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
/** How often a long history walk says where it is. */
const PROGRESS_EVERY_MS = 5_000;
/** Blobs larger than this are not read at the tip; their secrets are assumed still there. */
const MAX_TIP_BLOB_BYTES = 64 * 1024 * 1024;
/** Paths per ls-tree call and blobs per show call: well under any argv limit. */
const ARGS_PER_CALL = 500;

/** A line that cannot appear in a diff (hunk lines start with + - space or \), opening each commit. */
const COMMIT_MARK = '\x1e';
const FIELD = '\x1f';
const COMMIT_FORMAT = `--format=${COMMIT_MARK}%H${FIELD}%aI${FIELD}%ae${FIELD}%an`;

/**
 * The core's DIFF_FLAGS (a stable diff whatever the user's config
 * says) plus log's own: parents before children, no merge diffs, the root
 * commit shown as an addition, no signature output between commits.
 */
const LOG_ARGS = [
  'log',
  '-p',
  '--reverse',
  '--topo-order',
  '--no-merges',
  '--root',
  '--no-show-signature',
  ...DIFF_FLAGS,
  COMMIT_FORMAT,
];

interface CommitInfo {
  sha: string;
  date: string;
  email: string;
  name: string;
}

interface Tracked {
  finding: Omit<HistoryFinding, 'secretHash' | 'atHead'>;
  /** Where the file is now in the walk; undefined once deleted. */
  currentPath: string | undefined;
}

/** Walks the history and reports each secret once (see the module comment). */
export async function scanHistory(options: HistoryScanOptions): Promise<HistoryScanResult> {
  const logger = options.logger ?? silentLogger;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const to = options.range?.to ?? 'HEAD';
  assertRevision(to, 'history end');
  if (options.range?.from !== undefined) assertRevision(options.range.from, 'history start');
  if (!options.range && (await headCommit(options.root)) === undefined) {
    logger.info('The repository has no commits yet: no history to scan');
    return { findings: [], commits: 0, skipped: [] };
  }

  const tracked = new Map<string, Tracked>();
  const byPath = new Map<string, Set<Tracked>>();
  const skipped = new Map<string, string>();
  let commit: CommitInfo | undefined;
  let commits = 0;
  const started = Date.now();
  let lastProgress = started;

  const track = (entry: Tracked, path: string | undefined): void => {
    if (entry.currentPath !== undefined) byPath.get(entry.currentPath)?.delete(entry);
    entry.currentPath = path;
    if (path === undefined) return;
    let set = byPath.get(path);
    if (!set) byPath.set(path, (set = new Set()));
    set.add(entry);
  };

  const onFile = (file: FileDiff): void => {
    const info = commit as CommitInfo;
    // Follow renames and deletions of files that hold findings, to check the right path at the tip.
    if (file.oldPath !== undefined && file.oldPath !== file.newPath && file.status !== 'copied') {
      const moved = byPath.get(file.oldPath);
      if (moved) for (const entry of [...moved]) track(entry, file.newPath);
    }
    const path = diffPath(file);
    if (file.newPath === undefined || path === '') return;
    if (options.scanPath && !options.scanPath(path)) return;
    // Submodule pointers and symlink targets are not content; deleted files and pure renames add nothing.
    if (file.isSubmodule || file.isSymlink) return;
    if (file.isBinary) {
      if (!skipped.has(path)) skipped.set(path, 'binary file (git reports "Binary files differ"): its history cannot be scanned as text');
      return;
    }
    if (file.addedLines.length === 0) return;
    if (addedBytes(file.addedLines) > maxFileBytes) {
      if (!skipped.has(path)) skipped.set(path, `a commit (${info.sha.slice(0, 7)}) adds more than ${maxFileBytes} bytes to it`);
      return;
    }
    for (const match of scanAddedLines(path, file.addedLines, options.scan)) {
      const key = `${match.rule.id}\0${path}\0${match.secret}`;
      const existing = tracked.get(key);
      if (existing) {
        track(existing, path); // re-added after a removal or rename: it lives here again
        continue;
      }
      const entry: Tracked = {
        finding: { match, commit: info.sha, author: { name: info.name, email: info.email }, date: info.date },
        currentPath: undefined,
      };
      tracked.set(key, entry);
      track(entry, path);
    }
  };

  let parser: UnifiedDiffParser | undefined;
  const splitter = createLineSplitter((line) => {
    if (line.startsWith(COMMIT_MARK)) {
      parser?.finish();
      const [sha = '', date = '', email = '', ...name] = line.slice(1).split(FIELD);
      commit = { sha, date, email, name: name.join(FIELD) };
      commits += 1;
      // A long history shows it is moving: a line every few seconds, not one per commit.
      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = Date.now();
        logger.info(`History: ${commits} commits scanned so far (now at ${sha.slice(0, 7)}, ${date.slice(0, 10)}).`);
      }
      parser = new UnifiedDiffParser(onFile);
      return;
    }
    parser?.pushLine(line);
  });

  const revisions = options.range?.from !== undefined ? [`${options.range.from}..${to}`] : [to];
  await streamGit([...LOG_ARGS, ...revisions, '--'], gitOptions(options), (chunk) => {
    options.signal?.throwIfAborted();
    splitter.push(chunk);
  });
  splitter.end();
  parser?.finish();

  const entries = [...tracked.values()];
  const atTip = await secretsAtTip(options, to, entries);
  const hasher = options.hasher ?? defaultSecretHasher;
  const hashes = await hasher.hashAll(entries.map((e) => ({ ruleId: e.finding.match.rule.id, secret: e.finding.match.secret })));
  const findings = entries.map((entry, index): HistoryFinding => {
    const finding: HistoryFinding = { ...entry.finding, secretHash: hashes[index] as string, atHead: atTip[index] ?? true };
    if (entry.currentPath !== undefined) finding.headPath = entry.currentPath;
    return finding;
  });
  const elapsed = Math.max(1, Date.now() - started);
  logger.info(
    `Scanned ${commits} commits of history in ${elapsed} ms (${Math.round((commits * 1000) / elapsed)} commits/s): ${findings.length} secrets, ${findings.filter((f) => f.atHead).length} still at ${to}`,
  );
  return { findings, commits, skipped: [...skipped].map(([path, reason]) => ({ path, reason })) };
}

function gitOptions(options: { root: string; signal?: AbortSignal }) {
  // Literal pathspecs: a file named "*.env" must not be read as a glob.
  return { cwd: options.root, env: { GIT_LITERAL_PATHSPECS: '1' }, ...(options.signal ? { signal: options.signal } : {}) };
}

interface TipBlob {
  id: string;
  size: number;
}

/**
 * For each tracked secret, whether its value is in its file at the tip. The
 * blob ids and sizes come from one `ls-tree -l` per batch of paths; the
 * contents from one `git show <blob>…` per batch, split by those sizes
 * (git prints blob contents back to back, in argument order).
 */
async function secretsAtTip(options: HistoryScanOptions, tip: string, entries: readonly Tracked[]): Promise<boolean[]> {
  const paths = [...new Set(entries.map((e) => e.currentPath).filter((p): p is string => p !== undefined))];
  const blobs = new Map<string, TipBlob>();
  for (let i = 0; i < paths.length; i += ARGS_PER_CALL) {
    const batch = paths.slice(i, i + ARGS_PER_CALL);
    const { stdout } = await runGit(['ls-tree', '-r', '-l', '-z', '--full-tree', tip, '--', ...batch], gitOptions(options));
    for (const record of stdout.split('\0')) {
      // "<mode> SP <type> SP <object> SP+ <size> TAB <path>"
      const match = /^\d+ blob ([0-9a-f]+) +(\d+)\t(.*)$/s.exec(record);
      if (match) blobs.set(match[3] as string, { id: match[1] as string, size: Number(match[2]) });
    }
  }

  const contents = new Map<string, string>();
  const wanted = [...new Map([...blobs.values()].filter((b) => b.size <= MAX_TIP_BLOB_BYTES).map((b) => [b.id, b])).values()];
  for (let i = 0; i < wanted.length; i += ARGS_PER_CALL) {
    const batch = wanted.slice(i, i + ARGS_PER_CALL);
    let index = 0;
    let parts: Buffer[] = [];
    let have = 0;
    const flush = (): void => {
      // Zero-sized blobs print nothing: settle them as soon as they are next.
      for (let blob = batch[index]; blob && have >= blob.size; blob = batch[index]) {
        const all = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
        contents.set(blob.id, all.toString('utf8', 0, blob.size));
        const rest = all.subarray(blob.size);
        parts = rest.length > 0 ? [rest] : [];
        have = rest.length;
        index += 1;
      }
    };
    flush();
    await streamGit(['show', '--no-textconv', '--no-color', ...batch.map((b) => b.id)], gitOptions(options), (chunk) => {
      parts.push(chunk);
      have += chunk.length;
      flush();
    });
    if (index < batch.length) throw new Error(`git show printed fewer bytes than ls-tree announced for ${batch.length} blobs`);
  }

  return entries.map((entry) => {
    if (entry.currentPath === undefined) return false;
    const blob = blobs.get(entry.currentPath);
    if (!blob) return false; // not in the tip tree (deleted on a branch the walk did not follow last)
    const text = contents.get(blob.id);
    if (text === undefined) return true; // too large to read: assume it is still there
    return text.includes(entry.finding.match.secret);
  });
}
