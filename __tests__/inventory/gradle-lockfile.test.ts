import { describe, it, expect } from '@jest/globals';
import { gradleLockfileParser } from '../../src/core/inventory/parsers/gradle-lockfile.js';
import type { ParsedLockfile } from '../../src/core/inventory/types.js';
import { contextWith, readFixture } from './support.js';

function parse(text: string, path = 'gradle.lockfile'): ParsedLockfile {
  return gradleLockfileParser.parse(text, contextWith(path));
}

describe('gradle.lockfile of dd-javac-plugin', () => {
  const lockfile = parse(readFixture('gradle-lockfile/gradle.lockfile'));

  it('reads every module line, skipping comments and empty=', () => {
    expect(lockfile.format).toBe('gradle.lockfile');
    expect(lockfile.packages).toHaveLength(11);
    expect(lockfile.warnings).toEqual([]);
    expect(lockfile.packages[0]).toEqual({
      id: 'commons-io:commons-io@2.14.0',
      ecosystem: 'Maven',
      name: 'commons-io:commons-io',
      version: '2.14.0',
      line: 4,
      dependencies: [],
      scope: 'development',
    });
  });

  it('makes a module development only when every configuration resolving it is a test one', () => {
    const scopes = Object.fromEntries(lockfile.packages.map((p) => [p.id, [p.line, p.scope]]));
    expect(scopes['io.github.toolfactory:jvm-driver@9.8.0']).toEqual([5, 'runtime']);
    expect(scopes['org.burningwave:core@12.66.2']).toEqual([7, 'runtime']);
    expect(scopes['org.junit.jupiter:junit-jupiter-engine@5.9.2']).toEqual([10, 'development']);
    expect(scopes['org.opentest4j:opentest4j@1.2.0']).toEqual([14, 'development']);
    expect(lockfile.packages.filter((p) => p.scope === 'runtime')).toHaveLength(3);
  });

  it('has no roots: a lock does not say which modules the build asked for', () => {
    expect(lockfile.roots).toEqual([]);
  });
});

describe('per-configuration lock files (gradle/dependency-locks)', () => {
  it('takes the configuration from the file name', () => {
    const path = 'gradle/dependency-locks/compileClasspath.lockfile';
    const lockfile = parse(readFixture('gradle-dependency-locks/compileClasspath.lockfile'), path);
    expect(lockfile.packages).toHaveLength(18);
    expect(lockfile.warnings).toEqual([]);
    expect(lockfile.packages.every((p) => p.scope === 'runtime')).toBe(true);
    expect(lockfile.packages.find((p) => p.name === 'javax.validation:validation-api')).toMatchObject({ version: '1.1.0.Final', line: 16 });
    expect(lockfile.packages.at(-1)).toMatchObject({ id: 'org.embulk:embulk-api@0.10.2', line: 21 });
  });

  it('makes every module of a test configuration file a development one', () => {
    const lockfile = parse('junit:junit:4.13.2\n', 'sub/gradle/dependency-locks/testRuntimeClasspath.lockfile');
    expect(lockfile.packages).toEqual([
      { id: 'junit:junit@4.13.2', ecosystem: 'Maven', name: 'junit:junit', version: '4.13.2', line: 1, dependencies: [], scope: 'development' },
    ]);
  });
});

describe('gradle.lockfile lines', () => {
  it('recognises Android and custom test configurations', () => {
    const lockfile = parse(
      [
        'a:android-test:1=debugAndroidTestRuntimeClasspath,releaseUnitTestCompileClasspath',
        'a:integration:1=integrationTestRuntimeClasspath',
        'a:fixtures:1=testFixturesRuntimeClasspath',
        'a:shipped:1=releaseRuntimeClasspath,testRuntimeClasspath',
        'a:listed-nowhere:1=',
      ].join('\r\n'),
    );
    expect(lockfile.packages.map((p) => [p.name, p.scope])).toEqual([
      ['a:android-test', 'development'],
      ['a:integration', 'development'],
      ['a:fixtures', 'development'],
      ['a:shipped', 'runtime'],
      ['a:listed-nowhere', 'runtime'],
    ]);
  });

  it('warns about lines that are not group:artifact:version=configurations', () => {
    const lockfile = parse('a:b=compileClasspath\na:b:c:d=compileClasspath\nno-configuration:x:1\na:ok:1=compileClasspath\n');
    expect(lockfile.packages.map((p) => p.id)).toEqual(['a:ok@1']);
    expect(lockfile.warnings).toEqual([
      'line 1: "a:b" is not group:artifact:version',
      'line 2: "a:b:c:d" is not group:artifact:version',
      'line 3: "no-configuration:x:1" names no configuration (expected group:artifact:version=configurations)',
    ]);
  });

  it('caps the warnings for a file that is not a lock at all', () => {
    const lockfile = parse(Array.from({ length: 50 }, (_, i) => `garbage ${i}`).join('\n'));
    expect(lockfile.packages).toEqual([]);
    expect(lockfile.warnings).toHaveLength(21);
    expect(lockfile.warnings.at(-1)).toBe('30 more lines not understood');
  });
});
