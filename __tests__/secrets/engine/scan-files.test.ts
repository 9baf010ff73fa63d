import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createRecordingLogger } from '../../../src/core/logger.js';
import type { CustomRuleSpec } from '../../../src/scanners/secrets/engine/custom-rule.js';
import type { RuleSetSpec } from '../../../src/scanners/secrets/engine/rule-set.js';
import { scanFiles } from '../../../src/scanners/secrets/engine/scan-files.js';
import type { FileToScan } from '../../../src/scanners/secrets/engine/scan-file.js';
import type { SecretMatch } from '../../../src/scanners/secrets/types.js';
import { randomToken } from './test-rules.js';

const TOKEN: CustomRuleSpec = { id: 'test-token', regex: '\\b(?<secret>tok_[A-Za-z0-9]{20})\\b', keywords: ['tok_'], severity: 'high' };
const KEY_ID: CustomRuleSpec = { id: 'test-key-id', regex: '\\b(?<secret>kid_[A-Z0-9]{12})\\b', keywords: ['kid_'] };
const PAIRED: CustomRuleSpec = { id: 'test-paired', regex: 'psk=(?<secret>[A-Za-z0-9]{24})\\b', keywords: ['psk='], requires: { ruleId: 'test-key-id', withinLines: 2 } };
const SPEC: RuleSetSpec = { builtin: false, customRules: [TOKEN, KEY_ID, PAIRED], falsePositiveFilters: false };

let root: string;
let workerScript: URL;
const files: FileToScan[] = [];

function addFile(path: string, content: string | Buffer): void {
  const absolutePath = join(root, path);
  mkdirSync(join(absolutePath, '..'), { recursive: true });
  writeFileSync(absolutePath, content);
  files.push({ path, absolutePath, size: Buffer.byteLength(content) });
}

function summary(matches: SecretMatch[]) {
  return matches.map((m) => `${m.path}:${m.startLine}:${m.startColumn}-${m.endLine}:${m.endColumn} ${m.rule.id} ${m.secret}`);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'secrets-engine-'));
  // The worker as the build bundles it, into a temp folder. The built-in rules are
  // stubbed out: this suite runs custom rules only, and tests the pool, not the rules.
  const outdir = join(root, '.dist');
  await build({
    entryPoints: { 'workers/secrets-scan': join(process.cwd(), 'src/workers/secrets-scan.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'no-builtin-rules',
        setup(b) {
          b.onResolve({ filter: /[\\/]rules[\\/]index\.js$/ }, () => ({ path: 'builtin-rules', namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export const BUILTIN_RULES = [];', loader: 'js' }));
        },
      },
    ],
  });
  workerScript = pathToFileURL(join(outdir, 'workers/secrets-scan.js'));

  for (let i = 0; i < 60; i += 1) {
    const lines = Array.from({ length: 200 }, (_, n) => `const value${n} = "${randomToken(30, i * 1000 + n)}";`);
    if (i % 3 === 0) lines[i] = `const token = "tok_${randomToken(20, i)}"; const other = 'tok_${randomToken(20, i + 500)}';`;
    if (i % 7 === 0) lines.splice(50, 0, `id: kid_${randomToken(12, i).toUpperCase()}`, `secret: psk=${randomToken(24, i)}`);
    addFile(`src/module-${String(i).padStart(2, '0')}.ts`, lines.join(i % 2 ? '\r\n' : '\n'));
  }
  addFile('big/bundle.min.js', `${'x=1;'.repeat(500_000)}tok_${randomToken(20, 99)}`);
  // Not UTF-8 (a latin1 "é"): still scanned, one character per byte.
  addFile('legacy/latin1.txt', Buffer.concat([Buffer.from([0xe9, 0x20]), Buffer.from(`tok_${randomToken(20, 98)}`)]));
  files.push({ path: 'missing.ts', absolutePath: join(root, 'missing.ts'), size: 10 });
}, 60_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('scanFiles', () => {
  it('gives the same matches and skipped files on worker threads as on the main thread', async () => {
    const inProcess = await scanFiles(files, { rules: SPEC, workers: 0, logger: createRecordingLogger() });
    const logger = createRecordingLogger();
    const pooled = await scanFiles(files, { rules: SPEC, workers: 2, workerScript, logger });
    expect(logger.lines.map((l) => l.message)).toContainEqual(expect.stringMatching(/on 2 worker threads$/));
    expect(summary(pooled.matches)).toEqual(summary(inProcess.matches));
    expect(pooled.skipped).toEqual(inProcess.skipped);
    // Rules come back attached, by id, from the main thread's rule set.
    expect(pooled.matches[0]?.rule.title).toBe('test-token');

    const found = summary(inProcess.matches);
    expect(found).toContain(`legacy/latin1.txt:1:3-1:27 test-token tok_${randomToken(20, 98)}`);
    expect(found.filter((m) => m.includes('test-paired'))).toHaveLength(9);
    expect(found.filter((m) => m.startsWith('big/bundle.min.js:1:2000001-'))).toHaveLength(1);
    expect(inProcess.skipped).toEqual([{ path: 'missing.ts', reason: 'could not be read (ENOENT)' }]);
  }, 60_000);

  it('scans on the main thread, silently, when the worker script is not there', async () => {
    const logger = createRecordingLogger();
    const result = await scanFiles(files.slice(0, 5), { rules: SPEC, workers: 2, workerScript: new URL('file:///nonexistent/secrets-scan.js'), logger });
    expect(result.matches.length).toBeGreaterThan(0);
    expect(logger.lines.filter((l) => l.level !== 'debug')).toEqual([]);
  });

  it('scans on the main thread, with a warning, when the worker threads fail to start', async () => {
    const broken = join(root, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('bundle is broken');\n");
    const logger = createRecordingLogger();
    const subset = files.slice(0, 6);
    const result = await scanFiles(subset, { rules: SPEC, workers: 2, workerScript: pathToFileURL(broken), logger });
    const expected = await scanFiles(subset, { rules: SPEC, workers: 0, logger: createRecordingLogger() });
    expect(summary(result.matches)).toEqual(summary(expected.matches));
    expect(result.skipped).toEqual([]);
    // Only the thread that was handed a batch says so (six small files make one batch).
    expect(logger.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      expect.stringMatching(/^Secrets: a worker thread did not start \(.*bundle is broken\); scanning without it$/),
    ]);
  });

  it('reports a file cut short by the time budget as skipped, with the time and byte reached', async () => {
    const slow: CustomRuleSpec = { id: 'slow', regex: 'slow(?<secret>(?:a{1,6}){1,6}!)', keywords: ['slow'], window: { before: 0, after: 40 } };
    const path = 'slow.txt';
    writeFileSync(join(root, path), `slow${'a'.repeat(30)}${' '.repeat(100)}`.repeat(5_000));
    const file = { path, absolutePath: join(root, path), size: 670_000 };
    for (const workers of [0, 2]) {
      const result = await scanFiles([file, files[0] as FileToScan], {
        rules: { builtin: false, customRules: [slow] },
        workers,
        workerScript,
        timeBudgetMs: 10,
        logger: createRecordingLogger(),
      });
      expect(result.skipped).toEqual([{ path, reason: expect.stringMatching(/^scan cut short after \d+ ms at byte \d+ \(time budget\)$/) }]);
    }
  }, 60_000);

  it('rejects a bad custom rule before reading any file', async () => {
    await expect(
      scanFiles(files, { rules: { builtin: false, customRules: [{ id: 'broken', regex: '(' }] }, logger: createRecordingLogger() }),
    ).rejects.toThrow(/^Secrets rule "broken": the regex does not compile/);
  });

  it('warns about a disabled rule id that matches no rule', async () => {
    const logger = createRecordingLogger();
    await scanFiles([], { rules: { ...SPEC, disabledRuleIds: ['no-such-rule'] }, logger });
    expect(logger.lines).toContainEqual({ level: 'warning', message: 'Secrets: the disabled rule "no-such-rule" does not exist; check the id in "disable"' });
  });
});
