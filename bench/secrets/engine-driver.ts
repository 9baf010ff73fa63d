/**
 * Runs the secrets engine for the benchmark, in a child process of its own so
 * its peak RSS and wall clock are its own. Bundled by bench/secrets/run.mjs
 * with the project's build (scripts/build.mjs) next to dist's worker script,
 * so worker threads start exactly as in the CLI.
 *
 *   node engine-driver.js files <dir> <workers>   scan every file under dir
 *   node engine-driver.js history <repo>          scan the history of a repository
 *   node engine-driver.js keywords                the keywords of every built-in rule (for the ripgrep peer)
 *
 * Prints one JSON line: sizes, times and, for each match, path, line and rule id.
 * Never a matched value.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { silentLogger } from '../../src/core/logger.js';
import { loadRuleSet, scanFiles, scanText, type FileToScan } from '../../src/scanners/secrets/engine/index.js';
import { BUILTIN_RULES } from '../../src/scanners/secrets/rules/index.js';
import { scanHistory } from '../../src/scanners/secrets/workflow/history.js';

function listFiles(root: string): FileToScan[] {
  const out: FileToScan[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(full);
      } else if (entry.isFile()) {
        out.push({ path: path.relative(root, full).split(path.sep).join('/'), absolutePath: full, size: statSync(full).size });
      }
    }
  };
  walk(root);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

async function runFiles(dir: string, workers: number): Promise<void> {
  const started = process.hrtime.bigint();
  const files = listFiles(dir);
  const { matches, skipped } = await scanFiles(files, { rules: {}, workers, logger: silentLogger });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    JSON.stringify({
      files: files.length,
      bytes: files.reduce((n, f) => n + f.size, 0),
      seconds,
      skipped: skipped.map((s) => ({ path: (s as { path?: string }).path, reason: (s as { reason?: string }).reason })),
      matches: matches.map((m) => ({ path: m.path, line: m.startLine, endLine: m.endLine, rule: m.rule.id, confidence: m.rule.confidence })),
      rules: BUILTIN_RULES.length,
    }),
  );
}

async function runHistory(root: string): Promise<void> {
  // The rule set the CLI runs: built-in rules with the false-positive filters.
  const rules = await loadRuleSet({}, silentLogger);
  const started = process.hrtime.bigint();
  const result = await scanHistory({ root, scan: (text, file) => scanText(text, { path: file, rules }).matches, logger: silentLogger });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    JSON.stringify({
      commits: result.commits,
      seconds,
      findings: result.findings.map((f) => ({ path: f.match.path, line: f.match.startLine, rule: f.match.rule.id, atHead: f.atHead })),
      skipped: result.skipped.length,
    }),
  );
}

const [mode, target, workers] = process.argv.slice(2);
if (mode === 'keywords') console.log(JSON.stringify({ keywords: [...new Set(BUILTIN_RULES.flatMap((rule) => rule.keywords))].sort() }));
else if (mode === 'files' && target) await runFiles(path.resolve(target), Number(workers ?? 0));
else if (mode === 'history' && target) await runHistory(path.resolve(target));
else {
  console.error('usage: engine-driver files <dir> <workers> | history <repo>');
  process.exitCode = 2;
}
