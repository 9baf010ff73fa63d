import { describe, expect, it } from '@jest/globals';
import {
  requirementsTxtParser,
  type RequirementsPackage,
} from '../../src/core/inventory/parsers/requirements-txt.js';
import type { ParseContext } from '../../src/core/inventory/types.js';
import { byName, fixtureFolderContext, readFixture } from './support.js';

/** A context over files held in memory, keyed by path relative to the lockfile's folder. */
function memoryContext(path: string, files: Record<string, string> = {}): ParseContext & { reads: string[] } {
  const reads: string[] = [];
  return { path, reads, readRelative: (relativePath) => (reads.push(relativePath), files[relativePath]) };
}

function parseText(text: string, path = 'requirements.txt', files: Record<string, string> = {}) {
  return requirementsTxtParser.parse(text, memoryContext(path, files));
}

describe('requirements.txt parser on real files', () => {
  it('reads every pin of detect-secrets requirements-dev.txt as a direct development dependency', () => {
    const result = requirementsTxtParser.parse(
      readFixture('requirements-txt/requirements-dev.txt'),
      fixtureFolderContext('requirements-txt', 'requirements-dev.txt'),
    );
    expect(result.format).toBe('requirements.txt');
    expect(result.packages).toHaveLength(44);
    expect(result.warnings).toEqual([]);
    expect(result.roots).toHaveLength(44);
    expect(result.roots.every((root) => root.scope === 'development')).toBe(true);
    expect(byName(result.packages, 'attrs')).toMatchObject({ id: 'attrs@21.4.0', version: '21.4.0', line: 1, ecosystem: 'PyPI' });
    // The name stays as written; matching normalizes later.
    expect(byName(result.packages, 'PyYAML')).toMatchObject({ id: 'PyYAML@6.0', line: 30, dependencies: [] });
    expect(byName(result.packages, 'typing-extensions')).toMatchObject({ version: '3.10.0.2', line: 40 });
    expect(byName(result.packages, 'zipp')).toMatchObject({ version: '3.6.0', line: 44, scope: 'development' });
    expect(byName(result.packages, 'zipp').sourcePath).toBeUndefined();
  });

  it('reads pip-compile output with markers and "# via" comments (flask, 2021)', () => {
    const result = requirementsTxtParser.parse(
      readFixture('requirements-txt-flask-2021/requirements-dev.txt'),
      fixtureFolderContext('requirements-txt-flask-2021', 'requirements/dev.txt'),
    );
    expect(result.packages).toHaveLength(63);
    expect(result.warnings).toEqual([]);
    expect(byName(result.packages, 'alabaster')).toMatchObject({ version: '0.7.12', line: 7 });
    expect(byName(result.packages, 'greenlet')).toMatchObject({ id: 'greenlet@1.1.2', line: 41 });
    expect(byName(result.packages, 'pyyaml')).toMatchObject({ version: '6.0', line: 99 });
    expect(byName(result.packages, 'sphinx')).toMatchObject({ version: '4.3.2', line: 109 });
    expect(byName(result.packages, 'wheel')).toMatchObject({ version: '0.37.1', line: 159, scope: 'development' });
    // `# pip` / `# setuptools` at the end are comments, not requirements.
    expect(result.packages.some((pkg) => pkg.name === 'pip' || pkg.name === 'setuptools')).toBe(false);
  });

  it('treats a plain requirements.txt as runtime', () => {
    const result = parseText(readFixture('requirements-txt-flask-2021/requirements-dev.txt'), 'requirements.txt');
    expect(result.roots.every((root) => root.scope === 'runtime')).toBe(true);
    expect(result.packages.every((pkg) => pkg.scope === 'runtime')).toBe(true);
  });
});

describe('requirements.txt includes, constraints and options', () => {
  const folder = 'requirements-txt-includes';
  const parseIncludes = () => {
    const context = fixtureFolderContext(folder, 'requirements.txt');
    return { result: requirementsTxtParser.parse(readFixture(`${folder}/requirements.txt`), context), context };
  };

  it('reads included files once each, keeping the line in their own file', () => {
    const { result, context } = parseIncludes();
    expect(result.packages.map((pkg) => pkg.id)).toEqual([
      'six@1.16.0',
      'Jinja2@3.1.2',
      'pytest@7.4.3',
      'Django@4.2.7',
      'requests@2.31.0',
      'importlib-metadata@6.8.0',
      'celery@5.3.4',
      'PyYAML@6.0.1',
    ]);
    const packages = result.packages as RequirementsPackage[];
    expect(byName(packages, 'six')).toMatchObject({ line: 2, sourcePath: 'base.txt', scope: 'runtime' });
    expect(byName(packages, 'Jinja2')).toMatchObject({ line: 3, sourcePath: 'base.txt' });
    expect(byName(packages, 'pytest')).toMatchObject({ line: 2, sourcePath: 'requirements/test.txt', scope: 'development' });
    // base.txt includes requirements.txt back and test.txt includes ../base.txt: each file is read once.
    expect(context.reads.filter((path) => path === 'base.txt')).toHaveLength(1);
    expect(context.reads).not.toContain('requirements.txt');
    expect(context.reads).toContain('missing.txt');
  });

  it('reads hashes, extras, markers, comments and === pins', () => {
    const packages = parseIncludes().result.packages as RequirementsPackage[];
    expect(byName(packages, 'Django')).toMatchObject({
      line: 7,
      hashes: [
        { algorithm: 'SHA-256', hex: '8e0f1c2c2786b5c0e39fe1afce24c926040fad47c8ea8ad30aaf1188df29fc41' },
        { algorithm: 'SHA-256', hex: 'e1d37c51ad26186de355cbcec16613ebdabfa9689bbade9c538835205a8abbe9' },
      ],
    });
    expect(byName(packages, 'Django').sourcePath).toBeUndefined();
    expect(byName(packages, 'requests')).toMatchObject({ version: '2.31.0', line: 10 });
    expect(byName(packages, 'importlib-metadata')).toMatchObject({ version: '6.8.0', line: 11 });
  });

  it('takes the version of an unpinned requirement from a constraints file, and nothing else from it', () => {
    const { result } = parseIncludes();
    expect(byName(result.packages as RequirementsPackage[], 'celery')).toMatchObject({ version: '5.3.4', line: 13 });
    expect(result.packages.some((pkg) => pkg.name === 'redis')).toBe(false);
  });

  it('warns, naming the line, about what is not a versioned package', () => {
    expect(parseIncludes().result.warnings).toEqual([
      'line 14: "-e ./vendor/lib" is an editable install, not a versioned package; not inventoried',
      'line 15: "git+https://github.com/pallets/click.git@8.1.7#egg=click" is a URL or path, not a versioned package; not inventoried',
      'line 16: "./wheels/local_pkg-1.0-py3-none-any.whl" is a URL or path, not a versioned package; not inventoried',
      'line 17: "flask @ https://github.com/pallets/flask/archive/refs/tags/3.0.0.zip" is a URL or path, not a versioned package; not inventoried',
      'line 20: requirements file missing.txt was not found; not read',
      'line 12: "urllib3>=1.26" does not pin one version (==); not inventoried',
      'line 19: pyyaml is pinned to 6.0 but line 18 pins 6.0.1; kept 6.0.1',
    ]);
  });

  it('makes every package a direct dependency with its file scope', () => {
    const { result } = parseIncludes();
    expect(result.roots).toHaveLength(8);
    expect(result.roots).toContainEqual({ id: 'pytest@7.4.3', scope: 'development' });
    expect(result.roots).toContainEqual({ id: 'Django@4.2.7', scope: 'runtime' });
  });
});

describe('requirements.txt lines', () => {
  it('dedupes on the PEP 503 name and keeps the first spelling', () => {
    const result = parseText('Foo_Bar==1.0\nfoo-bar==1.0\nFOO.BAR==1.0\n');
    expect(result.packages).toHaveLength(1);
    expect(result.packages[0]).toMatchObject({ name: 'Foo_Bar', line: 1 });
    expect(result.warnings).toEqual([]);
  });

  it('joins continuations, keeps the first line, and reads --hash as a separate token', () => {
    const hex = 'a'.repeat(64);
    const result = parseText(`\n\nalpha==1.0 \\\n  --hash sha256:${hex} \\\n  --hash=sha512:${'b'.repeat(127)}\nbeta==2.0\n`);
    expect(result.packages.map((pkg) => [pkg.id, pkg.line])).toEqual([
      ['alpha@1.0', 3],
      ['beta@2.0', 6],
    ]);
    expect(result.packages[0]!.hashes).toEqual([{ algorithm: 'SHA-256', hex }]);
    expect(result.warnings).toEqual([`line 3: --hash sha512:${'b'.repeat(70)}... is not algorithm:hex; ignored`]);
  });

  it('does not continue a comment line, and keeps # inside a URL', () => {
    const result = parseText('# note \\\nalpha==1.0\nhttps://example.com/x.zip#egg=x\n');
    expect(result.packages.map((pkg) => pkg.id)).toEqual(['alpha@1.0']);
    expect(result.warnings).toEqual([
      'line 3: "https://example.com/x.zip#egg=x" is a URL or path, not a versioned package; not inventoried',
    ]);
  });

  it('reads CRLF files and a continuation at the end of the file', () => {
    const result = parseText('alpha==1.0\r\nbeta==2.0 \\');
    expect(result.packages.map((pkg) => [pkg.id, pkg.line])).toEqual([
      ['alpha@1.0', 1],
      ['beta@2.0', 2],
    ]);
  });

  it('reads the old parenthesized spelling and wildcard pins as not exact', () => {
    const result = parseText('alpha (==1.0)\nbeta==2.*\ngamma>=1,==1.5\n');
    expect(result.packages.map((pkg) => pkg.id)).toEqual(['alpha@1.0', 'gamma@1.5']);
    expect(result.warnings).toEqual(['line 2: "beta==2.*" does not pin one version (==); not inventoried']);
  });

  it('ignores index options, warns about unknown ones and about lines that are not requirements', () => {
    const result = parseText('--extra-index-url https://x\n--pre\n--frobnicate\n!!!\nalpha==1\n');
    expect(result.packages.map((pkg) => pkg.id)).toEqual(['alpha@1']);
    expect(result.warnings).toEqual([
      'line 3: option --frobnicate is not understood; ignored',
      'line 4: "!!!" is not a requirement; ignored',
    ]);
  });

  it('reads -rfile and --requirement=file relative to the including file', () => {
    const context = memoryContext('requirements.txt', {
      'reqs/a.txt': '-r b.txt\nalpha==1\n',
      'reqs/b.txt': 'beta==2\n',
      'c.txt': 'gamma==3\n',
    });
    const result = requirementsTxtParser.parse('-rreqs/a.txt\n--requirement=c.txt\n', context);
    expect((result.packages as RequirementsPackage[]).map((pkg) => [pkg.id, pkg.sourcePath, pkg.line])).toEqual([
      ['beta@2', 'reqs/b.txt', 1],
      ['alpha@1', 'reqs/a.txt', 2],
      ['gamma@3', 'c.txt', 1],
    ]);
  });

  it('does not follow URL or absolute includes', () => {
    const result = parseText('-r https://example.com/r.txt\n-r /etc/passwd\n-r\n');
    expect(result.packages).toEqual([]);
    expect(result.warnings).toEqual([
      'line 1: requirements file https://example.com/r.txt is a URL or an absolute path; not read',
      'line 2: requirements file /etc/passwd is a URL or an absolute path; not read',
      'line 3: an include without a file name; ignored',
    ]);
  });

  it('stops a self-include and reads a constraints file only for what is required', () => {
    const result = parseText('-r requirements.txt\n-c c.txt\nalpha\nbeta==1\n', 'requirements.txt', {
      'c.txt': '-c c.txt\nalpha==3.1\nbeta==9\nzeta==1\n-e .\nnot valid!\n',
    });
    expect(result.packages.map((pkg) => pkg.id)).toEqual(['alpha@3.1', 'beta@1']);
    expect(result.warnings).toEqual([]);
  });

  it('scopes packages by the name of their file', () => {
    const scopeOf = (path: string) => parseText('alpha==1\n', path).packages[0]!.scope;
    expect(scopeOf('requirements.txt')).toBe('runtime');
    expect(scopeOf('requirements/base.txt')).toBe('runtime');
    expect(scopeOf('requirements/prod.txt')).toBe('runtime');
    expect(scopeOf('devtools-requirements.txt')).toBe('runtime');
    expect(scopeOf('requirements-dev.txt')).toBe('development');
    expect(scopeOf('dev-requirements.txt')).toBe('development');
    expect(scopeOf('requirements/dev.txt')).toBe('development');
    expect(scopeOf('requirements_test.txt')).toBe('development');
    expect(scopeOf('requirements/docs.txt')).toBe('development');
  });

  it('keeps a package runtime when a runtime file also names it', () => {
    const result = parseText('-r requirements-dev.txt\nalpha==1\n', 'requirements.txt', { 'requirements-dev.txt': 'alpha==1\n' });
    expect(result.packages).toEqual([
      expect.objectContaining({ id: 'alpha@1', scope: 'runtime', line: 1, sourcePath: 'requirements-dev.txt' }),
    ]);
    expect(result.roots).toEqual([{ id: 'alpha@1', scope: 'runtime' }]);
  });

  it('returns nothing for an empty file', () => {
    expect(parseText('')).toEqual({ format: 'requirements.txt', packages: [], roots: [], warnings: [] });
  });
});
