import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../src/core/errors.js';
import { evaluatePolicy } from '../../src/scanners/policy/evaluate-policy.js';
import { createLicenseChecker } from '../../src/scanners/policy/license-check.js';
import { loadSbomLicenses, readSbomLicenses } from '../../src/scanners/policy/sbom-licenses.js';
import { compileYaml, TODAY } from './policy-fixtures.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/sbom-inputs');
const fixture = (name: string): string => path.join(fixtures, name);
const readFixture = (name: string) => readSbomLicenses(readFileSync(fixture(name), 'utf8'), name);

/** What one CycloneDX document with the given components reads as. */
function cyclonedx(components: unknown[], extra: Record<string, unknown> = {}) {
  return readSbomLicenses(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components, ...extra }), 'bom.json');
}

/** What one SPDX document with the given packages reads as. */
function spdx(packages: unknown[], extra: Record<string, unknown> = {}) {
  return readSbomLicenses(JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', packages, ...extra }), 'sbom.spdx.json');
}

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

/** The eleven packages of the demo lockfile, as our sbom action describes them in either format. */
const DEMO_PACKAGES = [
  // Only the lockfile's development dependencies need it: scope "excluded" in CycloneDX, DEV_DEPENDENCY_OF in SPDX.
  { name: '@aashutoshrathi/word-wrap', version: '1.2.6', purl: 'pkg:npm/%40aashutoshrathi/word-wrap@1.2.6', ecosystem: 'npm', developmentOnly: true },
  { name: '@actions/core', version: '1.11.1', purl: 'pkg:npm/%40actions/core@1.11.1', ecosystem: 'npm', license: 'MIT' },
  { name: '@actions/exec', version: '1.1.1', purl: 'pkg:npm/%40actions/exec@1.1.1', ecosystem: 'npm', license: 'MIT' },
  { name: '@actions/http-client', version: '2.2.3', purl: 'pkg:npm/%40actions/http-client@2.2.3', ecosystem: 'npm', license: 'MIT' },
  { name: '@actions/io', version: '1.1.3', purl: 'pkg:npm/%40actions/io@1.1.3', ecosystem: 'npm', license: 'MIT' },
  {
    name: '@bufbuild/protobuf',
    version: '2.9.0',
    purl: 'pkg:npm/%40bufbuild/protobuf@2.9.0',
    ecosystem: 'npm',
    license: 'Apache-2.0 AND BSD-3-Clause',
  },
  { name: '@fastify/busboy', version: '2.0.0', purl: 'pkg:npm/%40fastify/busboy@2.0.0', ecosystem: 'npm' },
  { name: 'prettier', version: '3.6.2', purl: 'pkg:npm/prettier@3.6.2', ecosystem: 'npm', license: 'MIT', developmentOnly: true },
  { name: 'tunnel', version: '0.0.6', purl: 'pkg:npm/tunnel@0.0.6', ecosystem: 'npm' },
  { name: 'type-fest', version: '4.41.0', purl: 'pkg:npm/type-fest@4.41.0', ecosystem: 'npm', license: 'MIT OR CC0-1.0' },
  { name: 'undici', version: '5.29.0', purl: 'pkg:npm/undici@5.29.0', ecosystem: 'npm', license: 'MIT' },
];

describe('real SBOM shapes', () => {
  it('reads our CycloneDX 1.6 output: scoped names whole, ids and expressions, no licence left undefined, the subject left out', () => {
    expect(readFixture('devsecops-cyclonedx-1.6.json')).toEqual({ format: 'cyclonedx', specVersion: '1.6', packages: DEMO_PACKAGES, warnings: [] });
  });

  it('reads our SPDX 2.3 output of the same lockfile as the same packages (declared licence, the DESCRIBES subject left out)', () => {
    expect(readFixture('devsecops-spdx-2.3.json')).toEqual({ format: 'spdx', specVersion: '2.3', packages: DEMO_PACKAGES, warnings: [] });
  });

  it('reads cyclonedx-npm 1.5: nested bundled components in document order, several licence entries joined with AND', () => {
    const result = readFixture('cyclonedx-npm-1.5.json');
    expect(result.format).toBe('cyclonedx');
    expect(result.specVersion).toBe('1.5');
    expect(result.warnings).toEqual([]);
    expect(result.packages).toEqual([
      { name: 'bundle-dependencies', version: '1.0.2', purl: 'pkg:npm/bundle-dependencies@1.0.2', ecosystem: 'npm', license: 'BSD-3-Clause' },
      {
        name: 'ansi-regex',
        version: '2.0.0',
        purl: 'pkg:npm/ansi-regex@2.0.0?vcs_url=git%2Bhttps%3A//github.com/sindresorhus/ansi-regex.git',
        ecosystem: 'npm',
        license: 'MIT',
      },
      {
        name: 'cliui',
        version: '3.1.0',
        purl: 'pkg:npm/cliui@3.1.0?vcs_url=git%2Bssh%3A//git%40github.com/bcoe/cliui.git',
        ecosystem: 'npm',
        license: 'ISC',
      },
      {
        name: 'wrap-ansi',
        version: '2.0.0',
        purl: 'pkg:npm/wrap-ansi@2.0.0?vcs_url=git%2Bhttps%3A//github.com/chalk/wrap-ansi.git',
        ecosystem: 'npm',
        license: 'MIT',
      },
      { name: '@types/node', version: '20.11.5', purl: 'pkg:npm/%40types/node@20.11.5', ecosystem: 'npm', license: 'MIT' },
      { name: 'json-schema', version: '0.2.3', purl: 'pkg:npm/json-schema@0.2.3', ecosystem: 'npm', license: 'AFL-2.1 AND BSD' },
      { name: 'pause-stream', version: '0.0.11', purl: 'pkg:npm/pause-stream@0.0.11', ecosystem: 'npm', license: 'MIT AND Apache2' },
    ]);
  });

  it('reads syft SPDX 2.3: NOASSERTION is no licence, purls from externalRefs, Maven group from the purl, the described root left out', () => {
    expect(readFixture('syft-spdx-2.3.json')).toEqual({
      format: 'spdx',
      specVersion: '2.3',
      warnings: [],
      packages: [
        {
          name: 'org.apache.commons:commons-lang3',
          version: '3.12.0',
          purl: 'pkg:maven/org.apache.commons/commons-lang3@3.12.0',
          ecosystem: 'Maven',
          license: 'Apache-2.0',
        },
        { name: 'github.com/google/uuid', version: 'v1.3.0', purl: 'pkg:golang/github.com/google/uuid@v1.3.0', ecosystem: 'Go', license: 'BSD-3-Clause' },
        { name: 'certifi', version: '2023.7.22', purl: 'pkg:pypi/certifi@2023.7.22', ecosystem: 'PyPI' },
        { name: 'psycopg2', version: '2.9.9', purl: 'pkg:pypi/psycopg2@2.9.9', ecosystem: 'PyPI', license: 'LicenseRef-LGPL-with-exceptions' },
        { name: 'requests', version: '2.31.0', purl: 'pkg:pypi/requests@2.31.0', ecosystem: 'PyPI', license: 'Apache-2.0' },
      ],
    });
  });

  it('reads Trivy CycloneDX: one expression per licence, and the per-lockfile application component is not a package', () => {
    expect(readFixture('trivy-cyclonedx-1.5.json')).toEqual({
      format: 'cyclonedx',
      specVersion: '1.5',
      warnings: [],
      packages: [
        { name: '@babel/code-frame', version: '7.23.5', purl: 'pkg:npm/%40babel/code-frame@7.23.5', ecosystem: 'npm', license: 'MIT' },
        { name: 'lodash', version: '4.17.21', purl: 'pkg:npm/lodash@4.17.21', ecosystem: 'npm', license: 'MIT' },
        { name: 'pause-stream', version: '0.0.11', purl: 'pkg:npm/pause-stream@0.0.11', ecosystem: 'npm', license: 'MIT AND Apache2' },
        { name: 'tunnel', version: '0.0.6', purl: 'pkg:npm/tunnel@0.0.6', ecosystem: 'npm' },
        { name: 'type-fest', version: '4.41.0', purl: 'pkg:npm/type-fest@4.41.0', ecosystem: 'npm', license: '(MIT OR CC0-1.0)' },
      ],
    });
  });

  it('feeds the policy gate: joined licences are judged as each applying, a missing one warns', () => {
    const policy = compileYaml('licenses:\n  allow: [MIT, Apache-2.0, ISC, BSD-3-Clause, CC0-1.0]\n');
    const result = evaluatePolicy([], policy, { today: TODAY, sbomLicenses: readFixture('trivy-cyclonedx-1.5.json').packages });
    expect(result.licenses?.packages.map((p) => [p.package.name, p.verdict, p.expression])).toEqual([
      ['@babel/code-frame', 'allowed', 'MIT'],
      ['lodash', 'allowed', 'MIT'],
      ['pause-stream', 'allowed', 'MIT AND Apache-2.0'],
      ['tunnel', 'unknown', undefined],
      ['type-fest', 'allowed', 'MIT OR CC0-1.0'],
    ]);
    expect(result.decision).toBe('warn');
  });
});

describe('CycloneDX licences', () => {
  const license = (licenses: unknown) => cyclonedx([{ type: 'library', name: 'x', version: '1.0.0', licenses }]).packages[0]?.license;

  it('an expression is taken as written', () => {
    expect(license([{ expression: 'Apache-2.0 WITH LLVM-exception' }])).toBe('Apache-2.0 WITH LLVM-exception');
  });

  it('ids and names as written, joined with AND; a part that is not one id is parenthesised so AND cannot bind into it', () => {
    expect(license([{ license: { id: 'MIT' } }, { license: { name: 'Apache License 2.0' } }])).toBe('MIT AND (Apache License 2.0)');
    expect(license([{ expression: 'MIT OR ISC' }, { license: { id: 'GPL-2.0-only' } }])).toBe('(MIT OR ISC) AND GPL-2.0-only');
  });

  it('a joined choice is judged conservatively: a denied licence among several denies the package', () => {
    const check = createLicenseChecker({ deny: ['GPL-2.0-only'] });
    expect(check(license([{ expression: 'MIT OR ISC' }, { license: { id: 'GPL-2.0-only' } }])).verdict).toBe('denied');
    expect(createLicenseChecker({ allow: ['MIT', 'Apache-2.0'] })(license([{ license: { id: 'MIT' } }, { license: { name: 'Apache License 2.0' } }]))).toMatchObject({
      verdict: 'allowed',
      expression: 'MIT AND Apache-2.0',
    });
  });

  it('an id wins over a name in one entry; repeated entries count once; no entries is no licence', () => {
    expect(license([{ license: { id: 'MIT', name: 'The MIT License' } }, { license: { id: 'MIT' } }])).toBe('MIT');
    expect(license([])).toBeUndefined();
    expect(license(null)).toBeUndefined();
  });

  it('licences that cannot be read keep the package, with no licence and one counted warning', () => {
    const result = cyclonedx([
      { name: 'a', version: '1', licenses: [{ license: { url: 'https://example.com/LICENSE' } }] },
      { name: 'b', version: '1', licenses: 'MIT' },
      { name: 'c', version: '1', licenses: [{ license: { id: 'MIT' } }] },
    ]);
    expect(result.packages).toEqual([
      { name: 'a', version: '1' },
      { name: 'b', version: '1' },
      { name: 'c', version: '1', license: 'MIT' },
    ]);
    expect(result.warnings).toEqual([
      'bom.json: the licences of 2 components could not be read, so they count as stating none (first: components[0].licenses[0]: names no licence (expected "expression", "license.id" or "license.name"))',
    ]);
  });
});

describe('CycloneDX components', () => {
  it('the subject in metadata.component is not a package, nor a component that repeats its bom-ref', () => {
    const result = cyclonedx([{ name: 'app', version: '1.0.0', 'bom-ref': 'app-ref' }, { name: 'lib', version: '2.0.0' }], {
      metadata: { component: { type: 'application', name: 'app', version: '1.0.0', 'bom-ref': 'app-ref' } },
    });
    expect(result.packages).toEqual([{ name: 'lib', version: '2.0.0' }]);
  });

  it('the operating system and files are not packages; an application with a version is', () => {
    const result = cyclonedx([
      { type: 'operating-system', name: 'debian', version: '12.5' },
      { type: 'file', name: '/usr/lib/libssl.so.3' },
      { type: 'application', name: 'requirements.txt' },
      { type: 'application', name: 'cli-tool', version: '3.0.0' },
    ]);
    expect(result.packages).toEqual([{ name: 'cli-tool', version: '3.0.0' }]);
  });

  it('a group joins the name by the ecosystem: "/" for npm, ":" for Maven', () => {
    const result = cyclonedx([
      { name: 'core', group: '@babel', version: '7.0.0', purl: 'pkg:npm/%40babel/core@7.0.0' },
      { name: 'snakeyaml', group: 'org.yaml', version: '1.33', purl: 'pkg:maven/org.yaml/snakeyaml@1.33' },
      { name: '@scope/already', group: '@scope', version: '1.0.0', purl: 'pkg:npm/%40scope/already@1.0.0' },
    ]);
    expect(result.packages.map((p) => [p.name, p.ecosystem])).toEqual([
      ['@babel/core', 'npm'],
      ['org.yaml:snakeyaml', 'Maven'],
      ['@scope/already', 'npm'],
    ]);
  });

  it('the ecosystem is the OSV spelling of the purl type, or the type itself when OSV has none', () => {
    const result = cyclonedx([
      { name: 'serde', version: '1.0.0', purl: 'pkg:cargo/serde@1.0.0' },
      { name: 'rails', version: '7.0.0', purl: 'pkg:gem/rails@7.0.0' },
      { name: 'curl', version: '7.88.1', purl: 'pkg:deb/debian/curl@7.88.1?arch=amd64' },
      { name: 'odd', version: '1', purl: 'not a purl' },
    ]);
    expect(result.packages.map((p) => p.ecosystem)).toEqual(['crates.io', 'RubyGems', 'deb', undefined]);
    expect(result.packages[2]!.name).toBe('curl');
  });

  it('the same package twice is one package, keeping every licence stated for it', () => {
    const result = cyclonedx([
      { name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0', licenses: [{ license: { id: 'MIT' } }] },
      { name: 'b', version: '1.0.0', components: [{ name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0', licenses: [{ license: { id: 'ISC' } }] }] },
      { name: 'b', version: '1.0.0' },
      { name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0' },
    ]);
    expect(result.packages).toEqual([
      { name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0', ecosystem: 'npm', license: 'MIT AND ISC' },
      { name: 'b', version: '1.0.0' },
    ]);
  });

  it('components without a name or malformed are skipped with one warning line each, and what they nest is still read', () => {
    const result = cyclonedx([
      { version: '1.0.0', components: [{ name: 'inner', version: '1' }] },
      { name: '  ', version: '1' },
      { name: 'bad-version', version: 5 },
      'not an object',
      { name: 'odd-nesting', version: '1', components: { name: 'x' } },
      { name: 'ok', version: '1' },
    ]);
    expect(result.packages).toEqual([
      { name: 'inner', version: '1' },
      { name: 'odd-nesting', version: '1' },
      { name: 'ok', version: '1' },
    ]);
    expect(result.warnings).toEqual([
      'bom.json: 2 components without a name were skipped (first: components[0])',
      'bom.json: 2 malformed components were skipped (first: components[2].version: Invalid input: expected string, received number)',
      'bom.json: 1 component had a "components" field that is not a list, which was ignored (first: components[4].components)',
    ]);
  });

  it('nesting deeper than the call stack is read', () => {
    // Built as text: JSON.stringify itself recurses.
    const depth = 20_000;
    const open = Array.from({ length: depth }, (_, i) => `{"name":"n${(depth - 1 - i) % 2}","version":"1","components":[`).join('');
    const text = `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${open}{"name":"leaf","version":"1"}${']}'.repeat(depth)}]}`;
    const result = readSbomLicenses(text, 'bom.json');
    expect(result.packages.map((p) => p.name)).toEqual(['n1', 'n0', 'leaf']);
  });

  it('an SBOM with nothing but its subject warns that nothing was checked', () => {
    expect(cyclonedx([]).warnings).toEqual(['bom.json: the SBOM lists no packages besides its subject, so no licence was checked']);
    expect(readSbomLicenses('{"bomFormat":"CycloneDX","specVersion":"1.4"}', 'bom.json').packages).toEqual([]);
  });

  it('a version newer than the reader knows is read, with a warning', () => {
    const result = cyclonedx([{ name: 'a', version: '1' }], { specVersion: '1.7' });
    expect(result.specVersion).toBe('1.7');
    expect(result.warnings).toEqual(['bom.json: CycloneDX "1.7" is not a version this reader knows (1.2–1.6); it was read as 1.6']);
  });
});

describe('SPDX packages', () => {
  it('licenseConcluded first, then licenseDeclared; NOASSERTION in either is no licence; NONE is kept for the checker', () => {
    const result = spdx([
      { name: 'a', licenseConcluded: 'MIT', licenseDeclared: 'GPL-2.0-only' },
      { name: 'b', licenseConcluded: 'NOASSERTION', licenseDeclared: 'Apache-2.0' },
      { name: 'c', licenseConcluded: 'noassertion', licenseDeclared: 'NOASSERTION' },
      { name: 'd', licenseDeclared: 'NONE' },
      { name: 'e' },
    ]);
    expect(result.packages.map((p) => [p.name, p.license])).toEqual([
      ['a', 'MIT'],
      ['b', 'Apache-2.0'],
      ['c', undefined],
      ['d', 'NONE'],
      ['e', undefined],
    ]);
    expect(createLicenseChecker({ allow: ['MIT'] })(result.packages[3]!.license).reason).toBe('the SBOM says NONE: the package states no licence');
  });

  it('what the document describes is the subject: documentDescribes, DESCRIBES and DESCRIBED_BY', () => {
    const result = spdx(
      [
        { name: 'root-a', SPDXID: 'SPDXRef-a' },
        { name: 'root-b', SPDXID: 'SPDXRef-b' },
        { name: 'root-c', SPDXID: 'SPDXRef-c' },
        { name: 'dep', SPDXID: 'SPDXRef-dep', versionInfo: '1.0' },
      ],
      {
        documentDescribes: ['SPDXRef-a'],
        relationships: [
          { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-b' },
          { spdxElementId: 'SPDXRef-c', relationshipType: 'DESCRIBED_BY', relatedSpdxElement: 'SPDXRef-DOCUMENT' },
          { spdxElementId: 'SPDXRef-b', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-dep' },
          { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 7 },
        ],
      },
    );
    expect(result.packages).toEqual([{ name: 'dep', version: '1.0' }]);
  });

  it('the first purl of externalRefs; other references and malformed ones are passed over', () => {
    const result = spdx([
      {
        name: 'django',
        versionInfo: '4.2.7',
        externalRefs: [
          { referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: 'cpe:2.3:a:djangoproject:django:4.2.7:*:*:*:*:*:*:*' },
          { referenceType: 'purl' },
          { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:pypi/django@4.2.7' },
          { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:pypi/other@1.0' },
        ],
      },
    ]);
    expect(result.packages).toEqual([{ name: 'django', version: '4.2.7', purl: 'pkg:pypi/django@4.2.7', ecosystem: 'PyPI' }]);
  });

  it('malformed packages are skipped and counted; unreadable licence fields keep the package without a licence', () => {
    const result = spdx([{ name: 'a', versionInfo: ['1'] }, { SPDXID: 'x' }, { name: 'b', licenseConcluded: { id: 'MIT' } }, null]);
    expect(result.packages).toEqual([{ name: 'b' }]);
    expect(result.warnings).toEqual([
      'sbom.spdx.json: 2 malformed packages were skipped (first: packages[0].versionInfo: Invalid input: expected string, received array)',
      'sbom.spdx.json: 1 package without a name was skipped (first: packages[1])',
      'sbom.spdx.json: the licences of 1 package could not be read, so it counts as stating none (first: packages[2].licenseConcluded: Invalid input: expected string, received object)',
    ]);
  });

  it('SPDX 2.2 is read; 2.1 is read with a warning; SPDX 3 is refused', () => {
    expect(spdx([{ name: 'a' }], { spdxVersion: 'SPDX-2.2' }).specVersion).toBe('2.2');
    expect(spdx([{ name: 'a' }], { spdxVersion: 'SPDX-2.1' }).warnings).toEqual([
      'sbom.spdx.json: SPDX 2.1 is not a version this reader knows (2.2, 2.3); it was read as 2.3',
    ]);
    expect(usageError(() => spdx([], { spdxVersion: 'SPDX-3.0' }))).toBe(
      'sbom.spdx.json: SPDX 3.0 is not read; the policy gate reads CycloneDX JSON (1.2–1.6) or SPDX JSON (2.2, 2.3)',
    );
    expect(usageError(() => readSbomLicenses('{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[]}', 'a.json'))).toBe(
      'a.json: SPDX 3 (JSON-LD) is not read; the policy gate reads CycloneDX JSON (1.2–1.6) or SPDX JSON (2.2, 2.3)',
    );
  });
});

describe('documents that are not read', () => {
  it('CycloneDX XML and SPDX tag-value say which formats are read', () => {
    expect(usageError(() => readSbomLicenses('<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5">', 'bom.xml'))).toBe(
      'bom.xml: CycloneDX XML is not read; the policy gate reads CycloneDX JSON (1.2–1.6) or SPDX JSON (2.2, 2.3)',
    );
    expect(usageError(() => readSbomLicenses('SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n', 'sbom.spdx'))).toBe(
      'sbom.spdx: SPDX tag-value is not read; the policy gate reads CycloneDX JSON (1.2–1.6) or SPDX JSON (2.2, 2.3)',
    );
  });

  it('text that is not JSON, and JSON that is no SBOM, are one-line errors naming the source', () => {
    expect(usageError(() => readSbomLicenses('{"bomFormat": "CycloneDX",\n', 'cut.json'))).toMatch(
      /^cut\.json: not valid JSON \([^\n]+\); the policy gate reads CycloneDX JSON \(1\.2–1\.6\) or SPDX JSON \(2\.2, 2\.3\)$/,
    );
    expect(usageError(() => readSbomLicenses('[1, 2]', 'list.json'))).toBe(
      'list.json: not an SBOM: expected CycloneDX JSON ("bomFormat": "CycloneDX") or SPDX JSON ("spdxVersion": "SPDX-2.3")',
    );
  });

  it('the outer shape is validated with the key path named', () => {
    expect(usageError(() => readSbomLicenses('{"bomFormat":"CycloneDX","specVersion":"1.6","components":{}}', 'bom.json'))).toBe(
      'bom.json: not a valid CycloneDX document: components: Invalid input: expected array, received object',
    );
    expect(usageError(() => readSbomLicenses('{"bomFormat":"SPDX","specVersion":"1.6"}', 'bom.json'))).toBe(
      'bom.json: not a valid CycloneDX document: bomFormat: Invalid input: expected "CycloneDX"',
    );
    expect(usageError(() => readSbomLicenses('{"spdxVersion":"2.3"}', 'sbom.json'))).toBe(
      'sbom.json: spdxVersion "2.3" is not an SPDX version (expected "SPDX-2.3")',
    );
  });

  it('a byte order mark is not an error', () => {
    expect(readSbomLicenses('\uFEFF{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"a"}]}', 'bom.json').packages).toEqual([{ name: 'a' }]);
  });
});

describe('loadSbomLicenses', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sbom-licenses-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the file and says what was read, byte for byte', async () => {
    const file = fixture('syft-spdx-2.3.json');
    const content = readFileSync(file);
    const result = await loadSbomLicenses(file);
    expect(result.format).toBe('spdx');
    expect(result.packages).toHaveLength(5);
    expect(result.bytes).toBe(content.length);
    expect(result.sha256).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('a UTF-16 file with its byte order mark (PowerShell 5 redirection) is read', async () => {
    const file = path.join(dir, 'utf16.json');
    const text = '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"a","version":"1"}]}';
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect((await loadSbomLicenses(file)).packages).toEqual([{ name: 'a', version: '1' }]);
  });

  it('a missing file, a folder and a file over the limit are UsageErrors naming the file', async () => {
    const missing = path.join(dir, 'missing.json');
    await expect(loadSbomLicenses(missing)).rejects.toThrow(new UsageError(`${missing}: no such SBOM file`));
    const folder = path.join(dir, 'folder');
    mkdirSync(folder);
    await expect(loadSbomLicenses(folder)).rejects.toThrow(new UsageError(`${folder}: not a file (expected an SBOM file)`));
    const big = path.join(dir, 'big.json');
    writeFileSync(big, '{"bomFormat":"CycloneDX","specVersion":"1.6"}');
    await expect(loadSbomLicenses(big, { maxBytes: 10 })).rejects.toThrow(new UsageError(`${big}: 45 bytes is over the 10-byte limit for an SBOM`));
  });

  it('a file that is not an SBOM is a UsageError naming the file as given', async () => {
    const file = path.join(dir, 'bom.xml');
    writeFileSync(file, '<bom xmlns="http://cyclonedx.org/schema/bom/1.6"></bom>');
    await expect(loadSbomLicenses(file)).rejects.toThrow(
      new UsageError(`${file}: CycloneDX XML is not read; the policy gate reads CycloneDX JSON (1.2–1.6) or SPDX JSON (2.2, 2.3)`),
    );
  });
});

describe('the project itself', () => {
  it('leaves out the workspaces our sbom action marks, which are the project and not its dependencies', () => {
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: { component: { type: 'application', name: 'repo', 'bom-ref': 'root' } },
      components: [
        { type: 'application', name: 'web', version: '1.0.0', purl: 'pkg:npm/web@1.0.0', properties: [{ name: 'devsecops:workspace', value: 'packages/web' }] },
        { type: 'library', name: 'lodash', version: '4.17.21', purl: 'pkg:npm/lodash@4.17.21', licenses: [{ license: { id: 'MIT' } }] },
      ],
    };
    expect(readSbomLicenses(JSON.stringify(bom), 'bom.json').packages.map((p) => p.name)).toEqual(['lodash']);
  });
});

describe('development-only packages', () => {
  it('marks CycloneDX scope "excluded" and SPDX DEV_DEPENDENCY_OF-only packages; a package any copy needs at run time is not', () => {
    const cdx = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [
        { type: 'library', name: 'jest', version: '29.0.0', purl: 'pkg:npm/jest@29.0.0', scope: 'excluded' },
        { type: 'library', name: 'lodash', version: '4.17.21', purl: 'pkg:npm/lodash@4.17.21', scope: 'required' },
        { type: 'library', name: 'ms', version: '2.1.3', purl: 'pkg:npm/ms@2.1.3', scope: 'excluded' },
        { type: 'library', name: 'ms', version: '2.1.3', purl: 'pkg:npm/ms@2.1.3' },
      ],
    };
    expect(readSbomLicenses(JSON.stringify(cdx), 'bom.json').packages.map((p) => [p.name, p.developmentOnly ?? false])).toEqual([
      ['jest', true],
      ['lodash', false],
      ['ms', false],
    ]);
    const spdx = {
      spdxVersion: 'SPDX-2.3',
      SPDXID: 'SPDXRef-DOCUMENT',
      packages: [
        { name: 'app', SPDXID: 'SPDXRef-app' },
        { name: 'jest', SPDXID: 'SPDXRef-jest', versionInfo: '29.0.0' },
        { name: 'lodash', SPDXID: 'SPDXRef-lodash', versionInfo: '4.17.21' },
      ],
      relationships: [
        { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-app' },
        { spdxElementId: 'SPDXRef-jest', relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-app' },
        { spdxElementId: 'SPDXRef-app', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-lodash' },
      ],
    };
    expect(readSbomLicenses(JSON.stringify(spdx), 'bom.spdx.json').packages.map((p) => [p.name, p.developmentOnly ?? false])).toEqual([
      ['jest', true],
      ['lodash', false],
    ]);
  });

  it('leaves them unchecked with licenses.skip-development, and says how many', () => {
    const sbom = [
      { name: 'gpl-tool', version: '1.0.0', license: 'GPL-3.0-only', developmentOnly: true },
      { name: 'gpl-lib', version: '1.0.0', license: 'GPL-3.0-only' },
    ];
    const lists = 'licenses:\n  deny: [GPL-3.0-only]\n';
    const all = evaluatePolicy([], compileYaml(lists), { today: TODAY, sbomLicenses: sbom });
    expect(all.licenses?.counts.denied).toBe(2);
    const shipped = evaluatePolicy([], compileYaml(`${lists}  skip-development: true\n`), { today: TODAY, sbomLicenses: sbom });
    expect(shipped.licenses?.counts.denied).toBe(1);
    expect(shipped.licenses?.skippedDevelopment).toBe(1);
    expect(shipped.licenses?.packages.map((p) => p.package.name)).toEqual(['gpl-lib']);
  });
});
