import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Log } from 'sarif';
import { addLineHashes, computeLineHashes } from '../../src/core/sarif/line-hash.js';
import { createRecordingLogger } from '../../src/core/logger.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fingerprintingDir = path.join(here, '../fixtures/sarif/codeql-action-fingerprinting');

/**
 * A direct BigInt transcription of codeql-action's `hash()` (signed 64-bit Long
 * arithmetic), kept only to check the fast implementation against.
 */
function referenceLineHashes(text: string): string[] {
  const BLOCK = 100;
  const window: bigint[] = Array(BLOCK).fill(0n);
  const lineNumbers: number[] = Array(BLOCK).fill(-1);
  const firstMod = BigInt.asIntN(64, 37n ** 100n);
  let hash = 0n;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;
  const counts: Record<string, number> = {};
  const out: string[] = [];
  const output = () => {
    const hex = BigInt.asUintN(64, hash).toString(16);
    counts[hex] = (counts[hex] ?? 0) + 1;
    out[(lineNumbers[index] as number) - 1] = `${hex}:${counts[hex]}`;
    lineNumbers[index] = -1;
  };
  const update = (current: number) => {
    const begin = window[index] as bigint;
    window[index] = BigInt(current);
    hash = BigInt.asIntN(64, 37n * hash + BigInt(current) - firstMod * begin);
    index = (index + 1) % BLOCK;
  };
  const processChar = (c: number) => {
    if (c === 32 || c === 9 || (prevCR && c === 10)) {
      prevCR = false;
      return;
    }
    if (c === 13) {
      c = 10;
      prevCR = true;
    } else prevCR = false;
    if (lineNumbers[index] !== -1) output();
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineNumbers[index] = lineNumber;
    }
    if (c === 10) lineStart = true;
    update(c);
  };
  for (let i = 0; i < text.length; i++) processChar(text.charCodeAt(i));
  processChar(65535);
  for (let i = 0; i < BLOCK; i++) {
    if (lineNumbers[index] !== -1) output();
    update(0);
  }
  return out;
}

// Vectors from github/codeql-action src/fingerprints.test.ts (test "hash").
const CODEQL_VECTORS: Array<[string, string[]]> = [
  ['', ['c129715d7a2bc9a3:1']],
  [' a\nb\n  \t\tc\n d', ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']],
  [
    ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End',
    [
      '8b7cf3e952e7aeb2:1',
      'b1ae1287ec4718d9:1',
      'bff680108adb0fcc:1',
      'c6805c5e1288b612:1',
      'b86d3392aea1be30:1',
      'e6ceba753e1a442:1',
    ],
  ],
  ...[
    ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n',
    ' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r',
    ' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n',
    ' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n',
  ].map((input): [string, string[]] => [
    input,
    [
      'e9496ae3ebfced30:1',
      'fb7c023a8b9ccb3f:1',
      'ce8ba1a563dcdaca:1',
      'e20e36e16fcb0cc8:1',
      'b3edc88f2938467e:1',
      'c8e28b0b4002a3a0:1',
      'c129715d7a2bc9a3:1',
    ],
  ]),
  [
    'Lorem ipsum dolor sit amet.\n'.repeat(10),
    [
      'a7f2ff13bc495cf2:1',
      'a7f2ff13bc495cf2:2',
      'a7f2ff13bc495cf2:3',
      'a7f2ff13bc495cf2:4',
      'a7f2ff13bc495cf2:5',
      'a7f2ff13bc495cf2:6',
      'a7f2ff1481e87703:1',
      'a9cf91f7bbf1862b:1',
      '55ec222b86bcae53:1',
      'cc97dc7b1d7d8f7b:1',
      'c129715d7a2bc9a3:1',
    ],
  ],
  [
    'x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n',
    [
      'e54938cc54b302f1:1',
      'bb609acbe9138d60:1',
      '1131fd5871777f34:1',
      '5c482a0f8b35ea28:1',
      '54517377da7028d2:1',
      '2c644846cb18d53e:1',
      'f1b89f20de0d133:1',
      'c129715d7a2bc9a3:1',
    ],
  ],
];

describe('computeLineHashes', () => {
  it.each(CODEQL_VECTORS)('reproduces codeql-action test vector %j', (input, expected) => {
    const hashes = computeLineHashes(input);
    expect(hashes).toEqual(expected);
    expect(hashes).toHaveLength(input.split(/\r\n|\r|\n/).length);
  });

  it('agrees with a BigInt transcription of codeql-action on any text', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.array(fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r', '\r\n', 'ü', '😀', '\uffff'), { maxLength: 400 }).map((parts) =>
        parts.join(''),
      ),
    );
    fc.assert(
      fc.property(text, (input) => {
        expect(computeLineHashes(input)).toEqual(referenceLineHashes(input));
      }),
      { numRuns: 300 },
    );
  });

  it('hashes a 10 MB file in well under two seconds', () => {
    const big = 'const value = someFunction(argument, 42); // comment\n'.repeat(200_000);
    const started = performance.now();
    const hashes = computeLineHashes(big);
    expect(hashes).toHaveLength(200_001);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('addLineHashes', () => {
  it('fills primaryLocationLineHash as codeql-action does on its own fixture', async () => {
    // codeql-action src/testdata/fingerprinting.{input,expected}.sarif
    const log = JSON.parse(await readFile(path.join(fingerprintingDir, 'fingerprinting.input.sarif'), 'utf8')) as Log;
    const { added } = await addLineHashes(log, { checkoutRoot: fingerprintingDir, logger: createRecordingLogger() });
    expect(added).toBe(2);
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => r.partialFingerprints)).toEqual([
      { primaryLocationLineHash: '5e4d5a9cf1294ad9:1' },
      { primaryLocationLineHash: 'f7592a95a9381ac0:1' },
    ]);
  });

  it('leaves a result without a start line, an existing hash and a missing file alone, with debug notes', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'line-hash-'));
    await writeFile(path.join(root, 'a.txt'), 'one\ntwo\n');
    const log: Log = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 't' } },
          results: [
            { message: { text: 'no region' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.txt' } } }] },
            {
              message: { text: 'has hash' },
              partialFingerprints: { primaryLocationLineHash: 'keep:1' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'a.txt' }, region: { startLine: 1 } } }],
            },
            {
              message: { text: 'missing' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'gone.txt' }, region: { startLine: 1 } } }],
            },
            {
              message: { text: 'outside' },
              locations: [{ physicalLocation: { artifactLocation: { uri: '../escape.txt' }, region: { startLine: 1 } } }],
            },
            {
              message: { text: 'line 2' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'file://' + path.join(root, 'a.txt') }, region: { startLine: 2 } } }],
            },
          ],
        },
      ],
    };
    const logger = createRecordingLogger();
    const { added } = await addLineHashes(log, { checkoutRoot: root, logger });
    const results = log.runs[0]?.results ?? [];
    expect(added).toBe(1);
    expect(results[0]?.partialFingerprints).toBeUndefined();
    expect(results[1]?.partialFingerprints).toEqual({ primaryLocationLineHash: 'keep:1' });
    expect(results[2]?.partialFingerprints).toBeUndefined();
    expect(results[3]?.partialFingerprints).toBeUndefined();
    expect(results[4]?.partialFingerprints?.['primaryLocationLineHash']).toBe(computeLineHashes('one\ntwo\n')[1]);
    expect(logger.lines.filter((l) => l.level === 'debug').map((l) => l.message).join('\n')).toMatch(/gone\.txt/);
  });

  it('skips a file over the size limit with a debug note', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'line-hash-'));
    await writeFile(path.join(root, 'big.txt'), 'x'.repeat(2048));
    const log: Log = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 't' } },
          results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'big.txt' }, region: { startLine: 1 } } }] }],
        },
      ],
    };
    const logger = createRecordingLogger();
    const { added } = await addLineHashes(log, { checkoutRoot: root, logger, maxFileBytes: 1024 });
    expect(added).toBe(0);
    expect(logger.lines).toContainEqual({ level: 'debug', message: expect.stringMatching(/over the 1024-byte limit/) });
  });
});
