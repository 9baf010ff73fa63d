import { describe, it, expect } from '@jest/globals';
import { mavenPomParser } from '../../src/core/inventory/parsers/maven-pom.js';
import { LockfileError, type ParsedLockfile } from '../../src/core/inventory/types.js';
import { contextWith, readFixture } from './support.js';

function parse(text: string, files: Record<string, string> = {}): ParsedLockfile {
  return mavenPomParser.parse(text, contextWith('module/pom.xml', files));
}

function pom(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n<modelVersion>4.0.0</modelVersion>\n${body}\n</project>\n`;
}

function dependency(group: string, artifact: string, extra = ''): string {
  return `<dependency><groupId>${group}</groupId><artifactId>${artifact}</artifactId>${extra}</dependency>`;
}

describe('pom.xml of the CycloneDX specification tools', () => {
  const lockfile = parse(readFixture('maven-pom/pom.xml'));

  it('reads the declared dependencies, each direct, with no warnings', () => {
    expect(lockfile.format).toBe('pom.xml');
    expect(lockfile.warnings).toEqual([]);
    expect(lockfile.project).toEqual({ name: 'org.cyclonedx:tools', version: '1.0.0-SNAPSHOT' });
    expect(lockfile.packages.map((p) => [p.id, p.line, p.scope])).toEqual([
      ['commons-io:commons-io@2.17.0', 122, 'runtime'],
      ['org.apache.commons:commons-lang3@3.18.0', 127, 'runtime'],
      ['org.apache.commons:commons-text@1.12.0', 132, 'runtime'],
      ['com.mashape.unirest:unirest-java@1.4.9', 138, 'runtime'],
      ['com.networknt:json-schema-validator@1.5.5', 145, 'development'],
      ['org.junit.jupiter:junit-jupiter-api@5.11.4', 151, 'development'],
      // No version of its own: dependencyManagement's ${lib.slf4j.api}.
      ['org.slf4j:slf4j-simple@2.0.16', 158, 'development'],
    ]);
    expect(lockfile.packages.every((p) => p.ecosystem === 'Maven' && p.dependencies.length === 0)).toBe(true);
  });

  it('makes every dependency a root with its scope, and reports no edges', () => {
    expect(lockfile.roots).toEqual(lockfile.packages.map((p) => ({ id: p.id, scope: p.scope })));
    // The managed slf4j-api is not declared as a dependency: not reported.
    expect(lockfile.packages.some((p) => p.name === 'org.slf4j:slf4j-api')).toBe(false);
  });
});

describe('pom.xml resolution', () => {
  it('resolves nested properties and the project model, and pins [x] versions', () => {
    const lockfile = parse(
      pom(`<groupId>org.acme</groupId><artifactId>app</artifactId><version>2.1.0</version>
<properties><jackson.version>\${jackson.major}.4</jackson.version><jackson.major>2.17</jackson.major></properties>
<dependencies>
${dependency('com.fasterxml.jackson.core', 'jackson-databind', '<version>${jackson.version}</version>')}
${dependency('${project.groupId}', 'app-core', '<version>${project.version}</version>')}
${dependency('org.acme', 'app-api', '<version>${version}</version>')}
${dependency('junit', 'junit', '<version>[4.13.2]</version>')}
</dependencies>`),
    );
    expect(lockfile.packages.map((p) => p.id)).toEqual([
      'com.fasterxml.jackson.core:jackson-databind@2.17.4',
      'org.acme:app-core@2.1.0',
      'org.acme:app-api@2.1.0',
      'junit:junit@4.13.2',
    ]);
    expect(lockfile.warnings).toEqual([]);
  });

  it('maps scopes: test is development, provided and system are runtime, optional is optional', () => {
    const lockfile = parse(
      pom(`<dependencies>
${dependency('a', 'provided', '<version>1</version><scope>provided</scope>')}
${dependency('a', 'system', '<version>1</version><scope>system</scope><systemPath>/x.jar</systemPath>')}
${dependency('a', 'runtime', '<version>1</version><scope>runtime</scope>')}
${dependency('a', 'optional', '<version>1</version><optional>true</optional>')}
${dependency('a', 'test-optional', '<version>1</version><scope>test</scope><optional>true</optional>')}
</dependencies>`),
    );
    expect(lockfile.packages.map((p) => [p.name, p.scope])).toEqual([
      ['a:provided', 'runtime'],
      ['a:system', 'runtime'],
      ['a:runtime', 'runtime'],
      ['a:optional', 'optional'],
      ['a:test-optional', 'development'],
    ]);
  });

  it('warns about ranges, undefined properties and missing versions, and reads the rest', () => {
    const lockfile = parse(
      pom(`<dependencyManagement><dependencies>
${dependency('org.springframework.boot', 'spring-boot-dependencies', '<version>3.3.0</version><type>pom</type><scope>import</scope>')}
</dependencies></dependencyManagement>
<dependencies>
${dependency('a', 'ranged', '<version>[1.0,2.0)</version>')}
${dependency('a', 'unresolved', '<version>${undefined.version}</version>')}
${dependency('org.springframework.boot', 'spring-boot-starter-web')}
${dependency('a', 'fine', '<version>1.0</version>')}
</dependencies>`),
    );
    expect(lockfile.packages.map((p) => p.id)).toEqual(['a:fine@1.0']);
    expect(lockfile.warnings).toEqual([
      'line 8: a:ranged version is the range "[1.0,2.0)"; not audited',
      'line 9: a:unresolved version "${undefined.version}" uses a property that is not defined in this pom or a parent on disk; not audited',
      'line 10: org.springframework.boot:spring-boot-starter-web has no version here (managed by an imported BOM (org.springframework.boot:spring-boot-dependencies) or a parent pom that is not on disk); not audited',
    ]);
  });

  it('does not report plugin dependencies or dependencyManagement entries, and says profiles are not read', () => {
    const lockfile = parse(
      pom(`<dependencies>${dependency('a', 'real', '<version>1</version>')}</dependencies>
<build><plugins><plugin><artifactId>p</artifactId><dependencies>${dependency('a', 'plugin-dep', '<version>1</version>')}</dependencies></plugin></plugins></build>
<profiles><profile><id>x</id><dependencies>${dependency('a', 'profile-dep', '<version>1</version>')}</dependencies></profile></profiles>`),
    );
    expect(lockfile.packages.map((p) => p.name)).toEqual(['a:real']);
    expect(lockfile.warnings).toEqual(['dependencies declared inside <profiles> are not read (they apply only when the profile is active)']);
  });

  it('applies the properties and dependencyManagement of parent poms found through relativePath', () => {
    const grandparent = pom(`<groupId>org.acme</groupId><artifactId>root</artifactId><version>7</version>
<properties><guava.version>33.0.0-jre</guava.version><netty.version>4.1.100.Final</netty.version></properties>
<dependencyManagement><dependencies>
${dependency('io.netty', 'netty-codec', '<version>${netty.version}</version>')}
</dependencies></dependencyManagement>`);
    const parent = pom(`<parent><groupId>org.acme</groupId><artifactId>root</artifactId><version>7</version><relativePath>../root</relativePath></parent>
<artifactId>parent</artifactId><version>3.0</version>
<properties><netty.version>4.1.108.Final</netty.version></properties>
<dependencyManagement><dependencies>
${dependency('com.google.guava', 'guava', '<version>${guava.version}</version><scope>test</scope>')}
</dependencies></dependencyManagement>`);
    const child = pom(`<parent><groupId>org.acme</groupId><artifactId>parent</artifactId><version>3.0</version></parent>
<artifactId>child</artifactId>
<dependencies>
${dependency('com.google.guava', 'guava')}
${dependency('io.netty', 'netty-codec')}
${dependency('org.acme', 'sibling', '<version>${project.parent.version}</version>')}
</dependencies>`);
    const lockfile = parse(child, { '../pom.xml': parent, '../../root/pom.xml': grandparent });
    expect(lockfile.project).toEqual({ name: 'org.acme:child', version: '3.0' });
    expect(lockfile.packages.map((p) => [p.id, p.scope])).toEqual([
      ['com.google.guava:guava@33.0.0-jre', 'development'],
      // The nearer pom's property wins over the grandparent's.
      ['io.netty:netty-codec@4.1.108.Final', 'runtime'],
      ['org.acme:sibling@3.0', 'runtime'],
    ]);
    expect(lockfile.warnings).toEqual([]);
  });

  it('ignores a pom at relativePath that is not the declared parent, as Maven does', () => {
    const other = pom(`<groupId>org.other</groupId><artifactId>unrelated</artifactId><version>1</version>
<properties><x.version>9.9</x.version></properties>`);
    const child = pom(`<parent><groupId>org.acme</groupId><artifactId>parent</artifactId><version>3.0</version></parent>
<artifactId>child</artifactId>
<dependencies>${dependency('a', 'b', '<version>${x.version}</version>')}</dependencies>`);
    const lockfile = parse(child, { '../pom.xml': other });
    expect(lockfile.packages).toEqual([]);
    expect(lockfile.warnings).toHaveLength(1);
  });

  it('leaves a cycle of properties unresolved instead of looping', () => {
    const lockfile = parse(
      pom(`<properties><a>\${b}</a><b>\${a}</b></properties>
<dependencies>${dependency('x', 'y', '<version>${a}</version>')}</dependencies>`),
    );
    expect(lockfile.packages).toEqual([]);
    expect(lockfile.warnings[0]).toMatch(/^line 5: x:y version "\$\{a\}" uses a property/);
  });

  it('fails on XML that is not well-formed or not a pom, naming the line', () => {
    try {
      parse('<project>\n<dependencies>\n</project>\n');
      throw new Error('expected a LockfileError');
    } catch (error) {
      expect(error).toBeInstanceOf(LockfileError);
      expect((error as LockfileError).line).toBe(3);
    }
    expect(() => parse('<settings><x/></settings>')).toThrow(new LockfileError('not a Maven pom: the root element is <settings>, not <project>'));
  });
});
