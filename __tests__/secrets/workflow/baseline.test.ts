import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from '@jest/globals';
import { UsageError } from '../../../src/core/errors.js';
import {
  buildBaseline,
  isInBaseline,
  readBaseline,
  readBaselineIfPresent,
  renderBaseline,
  writeBaseline,
} from '../../../src/scanners/secrets/workflow/baseline.js';
import { SECRET_HASH_ALGORITHM, secretHash } from '../../../src/scanners/secrets/workflow/fingerprint.js';
import { makeTempDir, removeDir } from '../../support/temp-repo.js';
import { fakeToken, standInScan } from './support/stand-in-scan.js';

/** Scans a file's text with the stand-in and keys each match as the baseline does. */
function keysOf(text: string, path: string) {
  return standInScan(text, path).map((m) => ({ ruleId: m.rule.id, path: m.path, secretHash: secretHash(m.rule.id, m.secret), line: m.startLine }));
}

describe('the secrets baseline', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  const KNOWN = fakeToken('known');
  const OTHER = fakeToken('other');

  it('is sorted JSON with a version, rule, path and hash only: no value, line or timestamp', async () => {
    const file = join(dir, '.devsecops/secrets-baseline.json');
    await writeBaseline(file, [...keysOf(`b = "${KNOWN}"\n`, 'z.txt'), ...keysOf(`\n\na = "${KNOWN}"\n`, 'a.txt')]);
    const text = readFileSync(file, 'utf8');
    const data = JSON.parse(text);
    expect(Object.keys(data)).toEqual(['version', 'hashAlgorithm', 'entries']);
    expect(data.version).toBe(1);
    expect(data.entries.map((e: { path: string }) => e.path)).toEqual(['a.txt', 'z.txt']);
    expect(Object.keys(data.entries[0])).toEqual(['rule', 'path', 'hash']);
    expect(text).not.toContain(KNOWN);
    expect(text).not.toMatch(/line|20\d\d-\d\d/);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('is the same file whatever order the findings came in, and lists a repeated finding once', () => {
    const keys = [...keysOf(`${KNOWN}\n${OTHER}\n${KNOWN}\n`, 'a.txt'), ...keysOf(`${OTHER}\n`, 'b.txt')];
    expect(renderBaseline(buildBaseline([...keys].reverse()))).toBe(renderBaseline(buildBaseline(keys)));
    expect(buildBaseline(keys).entries).toHaveLength(3);
  });

  it('still covers a baselined secret moved to another line of its file', async () => {
    const file = join(dir, 'baseline.json');
    await writeBaseline(file, keysOf(`const key = "${KNOWN}";\n`, 'src/app.ts'));
    const baseline = await readBaseline(file);
    const [moved] = keysOf(`// a comment\n\n\nconst key = "${KNOWN}";\n`, 'src/app.ts');
    expect(moved?.line).toBe(4);
    expect(isInBaseline(baseline, moved!)).toBe(true);
  });

  it('does not cover a different secret put on a baselined line', async () => {
    const file = join(dir, 'baseline.json');
    await writeBaseline(file, keysOf(`const key = "${KNOWN}";\n`, 'src/app.ts'));
    const baseline = await readBaseline(file);
    const [replaced] = keysOf(`const key = "${OTHER}";\n`, 'src/app.ts');
    expect(replaced?.line).toBe(1);
    expect(isInBaseline(baseline, replaced!)).toBe(false);
  });

  it('does not cover the same secret in another file or found by another rule', () => {
    const baseline = buildBaseline(keysOf(`${KNOWN}\n`, 'a.txt'));
    const [key] = keysOf(`${KNOWN}\n`, 'a.txt');
    expect(isInBaseline(baseline, { ...key!, path: 'b.txt' })).toBe(false);
    expect(isInBaseline(baseline, { ...key!, ruleId: 'other-rule' })).toBe(false);
  });

  it('rejects a malformed file with one line naming it', async () => {
    const cases: [string, RegExp][] = [
      ['{ not json', /^.*bad\.json: not a secrets baseline: invalid JSON/],
      ['{"version": 2, "hashAlgorithm": "x", "entries": []}', /bad\.json: not a secrets baseline: version: /],
      [
        `{"version": 1, "hashAlgorithm": "${SECRET_HASH_ALGORITHM}", "entries": [{"rule": "r", "path": "p", "hash": "zz", "line": 3}]}`,
        /bad\.json: not a secrets baseline: entries\.0/,
      ],
    ];
    for (const [text, message] of cases) {
      const file = join(dir, 'bad.json');
      writeFileSync(file, text);
      const error = await readBaseline(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('treats a missing file as no baseline only when asked to', async () => {
    const missing = join(dir, 'missing.json');
    expect(await readBaselineIfPresent(missing)).toBeUndefined();
    await expect(readBaseline(missing)).rejects.toThrow(/missing\.json: could not read the secrets baseline/);
  });
});
