import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { composerLockParser } from '../../src/core/inventory/parsers/composer-lock.js';
import { gemfileLockParser } from '../../src/core/inventory/parsers/gemfile-lock.js';
import { pdmLockParser } from '../../src/core/inventory/parsers/pdm-lock.js';
import { pipfileLockParser } from '../../src/core/inventory/parsers/pipfile-lock.js';
import { poetryLockParser } from '../../src/core/inventory/parsers/poetry-lock.js';
import { requirementsTxtParser } from '../../src/core/inventory/parsers/requirements-txt.js';
import { uvLockParser } from '../../src/core/inventory/parsers/uv-lock.js';
import { LockfileError, type LockfileParser, type ParseContext } from '../../src/core/inventory/types.js';
import { readFixture } from './support.js';

/** Real text to mutate; large lockfiles are cut to their start so each run stays fast. */
function realText(path: string, maxChars = 12_000): string {
  return readFixture(path).slice(0, maxChars);
}

interface Subject {
  parser: LockfileParser;
  lockfile: string;
  /** Real text of the manifest the parser reads beside the lockfile, mutated as well. */
  manifest?: { name: string; text: string };
}

const SUBJECTS: Subject[] = [
  { parser: requirementsTxtParser, lockfile: realText('requirements-txt-flask-2021/requirements-dev.txt') },
  { parser: requirementsTxtParser, lockfile: realText('requirements-txt-includes/requirements.txt') },
  {
    parser: poetryLockParser,
    lockfile: realText('poetry/poetry.lock'),
    manifest: { name: 'pyproject.toml', text: realText('poetry/pyproject.toml') },
  },
  { parser: poetryLockParser, lockfile: realText('poetry-v1/poetry.lock') },
  { parser: pipfileLockParser, lockfile: realText('pipfile-lock/Pipfile.lock') },
  { parser: uvLockParser, lockfile: realText('uv-lock/uv.lock') },
  { parser: uvLockParser, lockfile: realText('uv-lock-workspace/uv.lock') },
  {
    parser: pdmLockParser,
    lockfile: realText('pdm-lock/pdm.lock'),
    manifest: { name: 'pyproject.toml', text: realText('pdm-lock/pyproject.toml') },
  },
  {
    parser: gemfileLockParser,
    lockfile: realText('gemfile-lock-groups/Gemfile.lock'),
    manifest: { name: 'Gemfile', text: realText('gemfile-lock-groups/Gemfile') },
  },
  { parser: gemfileLockParser, lockfile: realText('gemfile-lock/Gemfile.lock') },
  { parser: composerLockParser, lockfile: realText('composer-lock/composer.lock', 200_000) },
];

/**
 * Parses and checks the contract: a ParsedLockfile whose ids are unique,
 * whose edges and roots point at its own packages and whose lines are in
 * the file, or a one-line LockfileError. Anything else fails the property.
 */
function checkContract(parser: LockfileParser, text: string, context: ParseContext): void {
  let result;
  try {
    result = parser.parse(text, context);
  } catch (error) {
    expect(error).toBeInstanceOf(LockfileError);
    expect((error as LockfileError).message).not.toContain('\n');
    return;
  }
  // Plain checks collected into one assertion: an `expect` per package would dominate the run time.
  const problems: string[] = [];
  if (result.format !== parser.format) problems.push(`format ${result.format}`);
  const ids = new Set(result.packages.map((pkg) => pkg.id));
  if (ids.size !== result.packages.length) problems.push('duplicate ids');
  const lineCount = text.split('\n').length;
  for (const pkg of result.packages) {
    if (!Number.isInteger(pkg.line) || pkg.line < 1) problems.push(`${pkg.id}: line ${pkg.line}`);
    // Packages of an included requirements file count lines in that file.
    if (!('sourcePath' in pkg) && pkg.line > lineCount) problems.push(`${pkg.id}: line ${pkg.line} past the end`);
    for (const dependency of pkg.dependencies) if (!ids.has(dependency)) problems.push(`${pkg.id}: edge to ${dependency}`);
  }
  for (const root of result.roots) if (!ids.has(root.id)) problems.push(`root ${root.id}`);
  if (!result.warnings.every((warning) => typeof warning === 'string')) problems.push('a warning is not a string');
  expect(problems).toEqual([]);
}

/** Each read beside the lockfile returns `manifest` (any path for requirements includes). */
function contextWith(subject: Subject, manifest: string | undefined): ParseContext {
  return {
    path: subject.parser.format === 'requirements.txt' ? 'requirements.txt' : subject.parser.format,
    readRelative: (path) => (subject.manifest === undefined || path === subject.manifest.name ? manifest : undefined),
  };
}

/** A mutation of `base`: a truncation, a few character edits, or a spliced-in fragment of lockfile syntax. */
function mutationOf(base: string): fc.Arbitrary<string> {
  const position = fc.nat({ max: base.length });
  const edit = fc.tuple(position, fc.string({ unit: 'binary', maxLength: 3 }), fc.nat({ max: 4 }));
  const fragment = fc.constantFrom(
    '[[package]]\n',
    '[[package]]\nname = "x"\nversion = "1"\n',
    '"',
    '{',
    '}',
    ']',
    '\\\n',
    '\n    ',
    '\n      dep (1.0)\n',
    '\n-r requirements.txt\n',
    '\n-c x.txt\n',
    'dependencies = [{ name = "x" }]\n',
    '"require": {"a/b": "*"}',
    '\u0000',
    '\r\n',
  );
  return fc.oneof(
    position.map((at) => base.slice(0, at)),
    fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) =>
      edits.reduce((text, [at, insert, remove]) => text.slice(0, at) + insert + text.slice(at + remove), base),
    ),
    fc.tuple(position, fragment).map(([at, insert]) => base.slice(0, at) + insert + base.slice(at)),
  );
}

describe('Python, Ruby and PHP lockfile parsers on any input', () => {
  it.each(SUBJECTS.map((subject) => [subject.lockfile.slice(0, 30).replace(/\s+/g, ' '), subject.parser.format, subject] as const))(
    'return a ParsedLockfile or throw a LockfileError for arbitrary text (%s… as %s)',
    (_label, _format, subject) => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.option(fc.string({ maxLength: 200 })), (text, manifest) => {
          checkContract(subject.parser, text, contextWith(subject, manifest ?? undefined));
        }),
        { numRuns: 200 },
      );
    },
  );

  it.each(SUBJECTS.map((subject) => [subject.parser.format, subject.lockfile.length, subject] as const))(
    'return a ParsedLockfile or throw a LockfileError for mutations of a real %s (%i chars)',
    (_format, _length, subject) => {
      const manifestArbitrary =
        subject.manifest === undefined ? fc.constant(undefined) : fc.option(mutationOf(subject.manifest.text), { nil: undefined });
      fc.assert(
        fc.property(mutationOf(subject.lockfile), manifestArbitrary, (text, manifest) => {
          checkContract(subject.parser, text, contextWith(subject, manifest));
        }),
        { numRuns: subject.lockfile.length > 50_000 ? 60 : 200 },
      );
    },
  );
});

describe('Python, Ruby and PHP lockfile parsers on hostile sizes', () => {
  /** Fails when a parse takes super-linear time: the inputs are large enough for a quadratic step to take minutes. */
  function timeParse(parser: LockfileParser, text: string, context: Partial<ParseContext> = {}): number {
    const started = performance.now();
    try {
      parser.parse(text, { path: 'lockfile', readRelative: () => undefined, ...context });
    } catch (error) {
      expect(error).toBeInstanceOf(LockfileError);
    }
    return performance.now() - started;
  }

  it('reads long requirements lines, comments and continuation chains in linear time', () => {
    expect(timeParse(requirementsTxtParser, ' '.repeat(200_000) + 'x')).toBeLessThan(2_000);
    expect(timeParse(requirementsTxtParser, 'a==1 ' + ' #'.repeat(100_000))).toBeLessThan(2_000);
    expect(timeParse(requirementsTxtParser, 'a==1 \\\n'.repeat(50_000))).toBeLessThan(2_000);
    expect(timeParse(requirementsTxtParser, 'a'.repeat(100_000) + '-'.repeat(100_000))).toBeLessThan(2_000);
  });

  it('does not follow includes without end', () => {
    const includes = Array.from({ length: 8 }, (_, index) => `-r d${index}/r.txt`).join('\n');
    const reads: string[] = [];
    const elapsed = timeParse(requirementsTxtParser, includes, {
      path: 'requirements.txt',
      readRelative: (path) => (reads.push(path), includes),
    });
    expect(elapsed).toBeLessThan(5_000);
    expect(reads.length).toBeLessThanOrEqual(260);
  });

  it('rejects absurd nesting in JSON and TOML as a LockfileError', () => {
    expect(timeParse(composerLockParser, '{"packages":' + '['.repeat(200_000))).toBeLessThan(2_000);
    expect(timeParse(pipfileLockParser, '{"default":' + '{"a":'.repeat(100_000))).toBeLessThan(2_000);
    expect(timeParse(poetryLockParser, 'a = ' + '['.repeat(200_000))).toBeLessThan(2_000);
  });

  it('reads many packages of one name without a quadratic graph', () => {
    const uv = Array.from({ length: 5_000 }, (_, index) => `[[package]]\nname = "x"\nversion = "${index}"\ndependencies = [{ name = "x" }]\n`).join('\n');
    expect(timeParse(uvLockParser, uv)).toBeLessThan(5_000);
    const gem = 'GEM\n  specs:\n' + Array.from({ length: 20_000 }, (_, index) => `    x (${index})\n      x\n`).join('');
    expect(timeParse(gemfileLockParser, gem)).toBeLessThan(2_000);
  });

  it('reads a Gemfile of deep blocks in linear time', () => {
    const gemfile = 'group :test do\n'.repeat(50_000) + 'gem "rspec"\n' + 'end\n'.repeat(50_000);
    const lock = 'GEM\n  specs:\n    rspec (1.0)\n\nDEPENDENCIES\n  rspec\n';
    expect(timeParse(gemfileLockParser, lock, { readRelative: (path) => (path === 'Gemfile' ? gemfile : undefined) })).toBeLessThan(2_000);
  });
});
