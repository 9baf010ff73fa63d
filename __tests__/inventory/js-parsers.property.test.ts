import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { bunLockParser } from '../../src/core/inventory/parsers/bun-lock.js';
import { packageLockParser } from '../../src/core/inventory/parsers/npm-lock.js';
import { pnpmLockParser } from '../../src/core/inventory/parsers/pnpm-lock.js';
import { yarnLockParser } from '../../src/core/inventory/parsers/yarn-lock.js';
import { LockfileError, type LockfileParser, type ParseContext } from '../../src/core/inventory/types.js';
import { readFixture } from './support.js';

const RUNS = 200;
/** Larger fixtures take tens of milliseconds a parse; fewer runs keep the suite to seconds. */
const RUNS_ON_LARGE_FIXTURES = 80;
/** Far above any honest parse of these inputs; a hang or a quadratic blow-up goes past it. */
const SLOW_PARSE_MS = 2_000;

const CONTEXT: ParseContext = {
  path: 'lockfile',
  readRelative: (relative) => (relative === 'package.json' ? '{"dependencies":{"express":"^4","lodash":"^4"}}' : undefined),
};

/** The contract: a well-formed inventory or a LockfileError, quickly, and nothing else. */
function parseOrReject(parser: LockfileParser, text: string): void {
  const started = Date.now();
  try {
    const result = parser.parse(text, CONTEXT);
    const ids = new Set(result.packages.map((pkg) => pkg.id));
    expect(ids.size).toBe(result.packages.length);
    const lastLine = text.split('\n').length;
    for (const pkg of result.packages) {
      expect(typeof pkg.name).toBe('string');
      expect(typeof pkg.version).toBe('string');
      expect(pkg.line).toBeGreaterThanOrEqual(1);
      expect(pkg.line).toBeLessThanOrEqual(lastLine);
      for (const dependency of pkg.dependencies) expect(ids.has(dependency)).toBe(true);
    }
    for (const root of result.roots) expect(ids.has(root.id)).toBe(true);
    expect(Array.isArray(result.warnings)).toBe(true);
  } catch (error) {
    if (!(error instanceof LockfileError)) throw error;
    expect(error.message).not.toContain('\n');
  }
  expect(Date.now() - started).toBeLessThan(SLOW_PARSE_MS);
}

/** Truncations, character edits and pasted fragments of a real lockfile. */
function mutationsOf(text: string, fragments: string[]): fc.Arbitrary<string> {
  const position = fc.nat({ max: text.length });
  const truncate = position.map((at) => text.slice(0, at));
  const edit = fc
    .array(fc.tuple(position, fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 3 }))), { minLength: 1, maxLength: 8 })
    .map((edits) => {
      let mutated = text;
      for (const [at, replacement] of edits) mutated = mutated.slice(0, at) + replacement + mutated.slice(at + 1);
      return mutated;
    });
  const insert = fc
    .tuple(position, fc.constantFrom(...fragments), fc.nat({ max: 40 }))
    .map(([at, fragment, times]) => text.slice(0, at) + fragment.repeat(times) + text.slice(at));
  return fc.oneof(truncate, edit, insert);
}

const JSON_FRAGMENTS = ['{', '}', '[', ']', '"', ',', ':', '\\', 'node_modules/', '"link": true', '"version": 7', 'null', '"dependencies": {"a": "1"}'];
const YAML_FRAGMENTS = ['\n', '  ', ':', '- ', '&a ', '*a', '{', '}', '"', "'", '#', '(', ')', '_', '/', 'link:', 'dev: true', '@'];
const YARN_FRAGMENTS = ['\n', '  ', ':', '"', ',', '#', '@', 'npm:', 'patch:', 'workspace:', 'version "1"', 'dependencies:', '\\'];

const CASES: Array<{ name: string; parser: LockfileParser; fixtures: string[]; fragments: string[] }> = [
  {
    name: 'package-lock.json',
    parser: packageLockParser,
    fixtures: ['npm-package-lock-v1/package-lock.json', 'npm-package-lock-v2-workspaces/package-lock.json'],
    fragments: JSON_FRAGMENTS,
  },
  {
    name: 'yarn.lock',
    parser: yarnLockParser,
    fixtures: ['yarn-v1-npm-alias/yarn.lock', 'yarn-berry-workspaces/yarn.lock'],
    fragments: YARN_FRAGMENTS,
  },
  {
    name: 'pnpm-lock.yaml',
    parser: pnpmLockParser,
    fixtures: ['pnpm-v5-workspaces/pnpm-lock.yaml', 'pnpm-v6/pnpm-lock.yaml'],
    fragments: YAML_FRAGMENTS,
  },
  { name: 'bun.lock', parser: bunLockParser, fixtures: ['bun-lock/bun.lock'], fragments: JSON_FRAGMENTS },
];

describe.each(CASES)('$name parser on hostile input', ({ parser, fixtures, fragments }) => {
  it('returns an inventory or a LockfileError for arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 })), (text) => {
        parseOrReject(parser, text);
      }),
      { numRuns: RUNS },
    );
  });

  it.each(fixtures)('returns an inventory or a LockfileError for mutations of %s', (path) => {
    const text = readFixture(path);
    fc.assert(
      fc.property(mutationsOf(text, fragments), (mutated) => {
        parseOrReject(parser, mutated);
      }),
      { numRuns: text.length > 10_000 ? RUNS_ON_LARGE_FIXTURES : RUNS },
    );
  });
});

describe('JavaScript lockfile parsers on pathological input', () => {
  const deepJson = '{"packages":' + '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_001);
  const deepYaml = "lockfileVersion: '9.0'\npackages:\n" + Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(2 + i * 2)}k${i}:`).join('\n');
  const deepYarn = '# yarn lockfile v1\n' + Array.from({ length: 1_500 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n');

  const deepCases: Array<[string, LockfileParser, string]> = [
    ['package-lock.json', packageLockParser, deepJson],
    ['bun.lock', bunLockParser, deepJson],
    ['pnpm-lock.yaml', pnpmLockParser, deepYaml],
    ['yarn.lock', yarnLockParser, deepYarn],
  ];

  it.each(deepCases)('%s: deep nesting ends quickly in a result or a LockfileError', (_name, parser, text) => {
    parseOrReject(parser, text);
  });

  it('package-lock.json: a very deep install path is resolved without walking every folder', () => {
    const deep = Array.from({ length: 2_000 }, () => 'node_modules/a').join('/');
    const text = JSON.stringify({
      lockfileVersion: 3,
      packages: { '': { dependencies: { a: '1' } }, 'node_modules/a': { version: '1.0.0' }, [deep]: { version: '2.0.0', dependencies: { a: '1' } } },
    });
    parseOrReject(packageLockParser, text);
  });
});
