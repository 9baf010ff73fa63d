import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { cargoLockParser } from '../../src/core/inventory/parsers/cargo-lock.js';
import { goModParser } from '../../src/core/inventory/parsers/go-mod.js';
import { gradleLockfileParser } from '../../src/core/inventory/parsers/gradle-lockfile.js';
import { mavenPomParser } from '../../src/core/inventory/parsers/maven-pom.js';
import { mixLockParser } from '../../src/core/inventory/parsers/mix-lock.js';
import { nugetLockParser } from '../../src/core/inventory/parsers/nuget-lock.js';
import { pubspecLockParser } from '../../src/core/inventory/parsers/pubspec-lock.js';
import { LockfileError, type LockfileParser } from '../../src/core/inventory/types.js';
import { readFixture } from './support.js';

interface Subject {
  parser: LockfileParser;
  path: string;
  fixtures: string[];
  /** Pieces of the format's syntax, so generated text reaches past the first token. */
  tokens: string[];
}

const SUBJECTS: Subject[] = [
  {
    parser: goModParser,
    path: 'go.mod',
    fixtures: ['go-mod/go.mod'],
    tokens: ['module ', 'require ', 'replace ', 'exclude ', 'go 1.22', 'toolchain go1.22.1', '(', ')', '=>', ' // indirect', '"', '`', 'a.b/c ', 'v1.0.0', './x', '\n', '\t'],
  },
  {
    parser: cargoLockParser,
    path: 'Cargo.lock',
    fixtures: ['cargo-lock/Cargo.lock'],
    tokens: ['[[package]]', '[metadata]', 'name = "a"', 'version = "1.0.0"', 'version = 3', 'source = "git+x#1"', 'dependencies = [', '"a 1.0.0"', ']', '"checksum a 1.0.0 ()" = "x"', '\n'],
  },
  {
    parser: mavenPomParser,
    path: 'pom.xml',
    fixtures: ['maven-pom/pom.xml'],
    tokens: ['<project>', '</project>', '<dependencies>', '</dependencies>', '<dependency>', '</dependency>', '<groupId>g</groupId>', '<artifactId>a</artifactId>', '<version>${v}</version>', '<properties><v>1</v></properties>', '<parent><groupId>g</groupId><artifactId>p</artifactId></parent>', '<!--', '-->', '<![CDATA[', '&amp;', '\n'],
  },
  {
    parser: gradleLockfileParser,
    path: 'gradle/dependency-locks/testCompileClasspath.lockfile',
    fixtures: ['gradle-lockfile/gradle.lockfile', 'gradle-dependency-locks/compileClasspath.lockfile'],
    tokens: ['a:b:1', '=', ',', 'testRuntimeClasspath', 'compileClasspath', 'empty=', '#', ':', '\n', '\r\n'],
  },
  {
    parser: nugetLockParser,
    path: 'packages.lock.json',
    fixtures: ['nuget-lock/packages.lock.json'],
    tokens: ['{', '}', '"version": 1', '"dependencies": {', '"net8.0": {', '"A": {', '"type": "Direct"', '"type": "Project"', '"resolved": "1.0.0"', '"contentHash": "x=="', ',', ':', '"'],
  },
  {
    parser: pubspecLockParser,
    path: 'pubspec.lock',
    fixtures: ['pubspec-lock/pubspec.lock', 'pubspec-lock-flutter/pubspec.lock'],
    tokens: ['packages:\n', '  a:\n', '    dependency: "direct main"\n', '    source: git\n', '    version: "1.0.0"\n', '    description:\n', '      sha256: ', '&x ', '*x', '- ', '"', '\n'],
  },
  {
    parser: mixLockParser,
    path: 'mix.lock',
    fixtures: ['mix-lock/mix.lock', 'mix-lock-2019/mix.lock'],
    tokens: ['%{', '{', '}', '[', ']', ',', '=>', '"a": ', 'a: ', ':hex', ':"q-a"', '"1.0.0"', '"\\u{1F600}"', '"\\', '#', 'nil', '-1_0', '\n'],
  },
];

const fixtureTexts = new Map(SUBJECTS.flatMap((s) => s.fixtures).map((f) => [f, readFixture(f)]));

/** Parses and checks the result keeps the contract, or that the only failure is a LockfileError. */
function checkParse(subject: Subject, text: string): void {
  let result;
  try {
    result = subject.parser.parse(text, { path: subject.path, readRelative: () => undefined });
  } catch (error) {
    if (!(error instanceof LockfileError)) throw error;
    expect(error.message).not.toContain('\n');
    if (error.line !== undefined) expect(Number.isInteger(error.line) && error.line >= 1).toBe(true);
    return;
  }
  const lineCount = text.split('\n').length;
  const ids = new Set(result.packages.map((p) => p.id));
  expect(ids.size).toBe(result.packages.length);
  for (const pkg of result.packages) {
    expect(Number.isInteger(pkg.line) && pkg.line >= 1 && pkg.line <= lineCount).toBe(true);
    expect(typeof pkg.version).toBe('string');
    for (const dependency of pkg.dependencies) expect(ids.has(dependency)).toBe(true);
  }
  for (const root of result.roots) expect(ids.has(root.id)).toBe(true);
  for (const warning of result.warnings) expect(typeof warning).toBe('string');
}

const position = fc.double({ min: 0, max: 1, noNaN: true });
const byte = fc.integer({ min: 0, max: 255 }).map((code) => String.fromCharCode(code));
const edit = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('replace' as const), at: position, text: byte }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.oneof(fc.string({ maxLength: 6 }), byte) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 60 }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdits(text: string, edits: Edit[], tokens: string[], tokenPicks: number[]): string {
  let result = text;
  for (const [index, change] of edits.entries()) {
    const at = Math.floor(change.at * result.length);
    if (change.kind === 'truncate') result = result.slice(0, at);
    else if (change.kind === 'replace') result = result.slice(0, at) + change.text + result.slice(at + 1);
    else if (change.kind === 'delete') result = result.slice(0, at) + result.slice(at + change.length);
    else result = result.slice(0, at) + (index % 2 === 0 ? change.text : tokens[tokenPicks[index]! % tokens.length]!) + result.slice(at);
  }
  return result;
}

describe.each(SUBJECTS)('$path parser on any input', (subject) => {
  it('returns a well-formed result or throws a LockfileError for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => checkParse(subject, text)),
      { numRuns: 200 },
    );
  });

  it('does the same for text built from pieces of the format', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...subject.tokens), { maxLength: 40 }), (pieces) => checkParse(subject, pieces.join(''))),
      { numRuns: 200 },
    );
  });

  it('does the same for truncated and edited real files', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...subject.fixtures),
        fc.array(edit, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
        (fixture, edits, picks) => checkParse(subject, applyEdits(fixtureTexts.get(fixture)!, edits, subject.tokens, picks)),
      ),
      { numRuns: 200 },
    );
  });
});

/** Each input is large and shaped to make a quadratic step show: linear work finishes far inside the budget. */
const LARGE_INPUTS: Array<[string, LockfileParser, () => string]> = [
  ['go.mod with 50,000 requirements', goModParser, () => `module m\nrequire (\n${'\texample.com/a v1.0.0 // indirect\n'.repeat(50_000)})\n`],
  [
    'Cargo.lock with one crate depending on 10,000 versions of another',
    cargoLockParser,
    () => {
      const versions = Array.from({ length: 10_000 }, (_, i) => `1.0.${i}`);
      const head = `[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n${versions.map((v) => ` "dep ${v}",`).join('\n')}\n]\n`;
      return head + versions.map((v) => `[[package]]\nname = "dep"\nversion = "${v}"\nsource = "registry+x"\n`).join('\n');
    },
  ],
  [
    'pom.xml with a doubling chain of properties and 5,000 dependencies',
    mavenPomParser,
    () => {
      const properties = Array.from({ length: 40 }, (_, i) => `<p${i}>\${p${i + 1}}\${p${i + 1}}</p${i}>`).join('') + '<p40>x</p40>';
      const dependency = '<dependency><groupId>g</groupId><artifactId>a</artifactId><version>${p0}</version></dependency>\n';
      return `<project><properties>${properties}</properties><dependencies>\n${dependency.repeat(5_000)}</dependencies></project>`;
    },
  ],
  ['gradle.lockfile with 50,000 lines', gradleLockfileParser, () => Array.from({ length: 50_000 }, (_, i) => `g:a${i}:1=testRuntimeClasspath,compileClasspath`).join('\n')],
  [
    'packages.lock.json with one package depending on 10,000 others',
    nugetLockParser,
    () => {
      const names = Array.from({ length: 10_000 }, (_, i) => `P${i}`);
      const packages: Record<string, unknown> = { Root: { type: 'Direct', resolved: '1.0.0', dependencies: Object.fromEntries(names.map((n) => [n, '1.0.0'])) } };
      for (const name of names) packages[name] = { type: 'Transitive', resolved: '1.0.0' };
      return JSON.stringify({ version: 1, dependencies: { 'net8.0': packages, 'net8.0/linux-x64': packages } });
    },
  ],
  [
    'pubspec.lock with 3,000 packages',
    pubspecLockParser,
    () => `packages:\n${Array.from({ length: 3_000 }, (_, i) => `  p${i}:\n    dependency: transitive\n    source: hosted\n    version: "1.0.${i}"\n`).join('')}`,
  ],
  [
    'mix.lock with 30,000 dependencies and a long escaped string',
    mixLockParser,
    () =>
      `%{"a": {:hex, :a, "1.0.0", "${'\\n'.repeat(100_000)}", [:mix], [${'{:b, "~> 1.0", [hex: :b, repo: "hexpm", optional: false]}, '.repeat(30_000)}], "hexpm"}, "b": {:hex, :b, "1.0.0"}}`,
  ],
];

describe('other parsers on large adversarial input', () => {
  it.each(LARGE_INPUTS)('read %s in linear time', (_name, parser, build) => {
    const text = build();
    const started = performance.now();
    try {
      parser.parse(text, { path: 'x', readRelative: () => undefined });
    } catch (error) {
      expect(error).toBeInstanceOf(LockfileError);
    }
    // Generous for a shared CI machine; a quadratic step at these sizes takes minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
