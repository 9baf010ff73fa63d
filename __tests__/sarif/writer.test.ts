import { describe, expect, it } from '@jest/globals';
import type { Log } from 'sarif';
import { findingSchema, ruleDescriptorSchema, type FindingInput } from '../../src/core/findings.js';
import { buildSarifLog, toArtifactUri, type BuildSarifLogInput } from '../../src/core/sarif/writer.js';
import { validateSarif } from '../support/sarif-schema.js';


const tool = { name: 'devsecops', version: '0.1.0', informationUri: 'https://github.com/example/devsecops-actions', semanticVersion: '0.1.0' };
const rules = [
  ruleDescriptorSchema.parse({
    id: 'secrets/aws-access-key',
    name: 'AwsAccessKey',
    shortDescription: 'AWS access key committed',
    fullDescription: 'An AWS access key ID was found in the repository.',
    helpMarkdown: '**Rotate the key** in IAM, then remove it from history.',
    helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    tags: ['secret', 'external/cwe/cwe-798'],
    precision: 'very-high',
    score: 9.1,
  }),
  ruleDescriptorSchema.parse({ id: 'dep/vulnerable', name: 'VulnerableDependency', shortDescription: 'Vulnerable dependency', score: 5.5 }),
];
const finding = (overrides: Partial<FindingInput>) =>
  findingSchema.parse({
    ruleId: 'secrets/aws-access-key',
    severity: 'critical',
    score: 9.1,
    message: 'AWS access key in config/dev env.yml',
    location: { path: 'config/dev env.yml', startLine: 4, startColumn: 9, endLine: 4, endColumn: 29 },
    fingerprint: 'f00d',
    ...overrides,
  });

const base: BuildSarifLogInput = {
  tool,
  rules,
  findings: [],
  category: 'devsecops/secrets-scan/',
  skipped: [],
  executionSuccessful: true,
  baselineCompared: false,
};

function expectValid(log: Log): void {
  const ok = validateSarif(JSON.parse(JSON.stringify(log)));
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('buildSarifLog', () => {
  it('writes the full rule descriptors GitHub reads', () => {
    const log = buildSarifLog(base);
    expect(log.runs[0]?.tool.driver.rules?.[1]).toEqual({
      id: 'secrets/aws-access-key',
      name: 'AwsAccessKey',
      shortDescription: { text: 'AWS access key committed' },
      fullDescription: { text: 'An AWS access key ID was found in the repository.' },
      help: {
        text: 'An AWS access key ID was found in the repository.\n\nMore: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
        markdown: '**Rotate the key** in IAM, then remove it from history.',
      },
      helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 'secret', 'external/cwe/cwe-798'],
        precision: 'very-high',
        'problem.severity': 'error',
        'security-severity': '9.1',
      },
    });
  });

  it('writes a result with repo-relative encoded uri, region, our fingerprint and properties', () => {
    const log = buildSarifLog({ ...base, findings: [finding({ tags: ['secret'], commit: { sha: 'abc' } })] });
    expect(log.runs[0]?.results).toEqual([
      {
        ruleId: 'secrets/aws-access-key',
        ruleIndex: 1,
        level: 'error',
        message: { text: 'AWS access key in config/dev env.yml' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'config/dev%20env.yml', uriBaseId: '%SRCROOT%' },
              region: { startLine: 4, startColumn: 9, endLine: 4, endColumn: 29 },
            },
          },
        ],
        partialFingerprints: { 'devsecops/v1': 'f00d' },
        properties: { 'security-severity': '9.1', tags: ['secret'], commit: { sha: 'abc' } },
      },
    ]);
    expect(log.runs[0]?.automationDetails).toEqual({ id: 'devsecops/secrets-scan/' });
  });

  it('maps bands to levels and orders results most severe first', () => {
    const findings = (['low', 'critical', 'medium', 'note', 'high'] as const).map((severity, i) =>
      finding({ severity, score: { critical: 9.5, high: 8, medium: 5, low: 2, note: 0 }[severity], fingerprint: `f${i}` }),
    );
    const log = buildSarifLog({ ...base, findings });
    expect(log.runs[0]?.results?.map((r) => r.level)).toEqual(['error', 'error', 'warning', 'note', 'note']);
  });

  it('writes baselineState only when a base was compared', () => {
    const findings = [finding({ isNew: true, fingerprint: 'a' }), finding({ isNew: false, fingerprint: 'b' })];
    expect(buildSarifLog({ ...base, findings }).runs[0]?.results?.map((r) => r.baselineState)).toEqual([undefined, undefined]);
    expect(buildSarifLog({ ...base, findings, baselineCompared: true }).runs[0]?.results?.map((r) => r.baselineState)).toEqual([
      'new',
      'unchanged',
    ]);
  });

  it('puts a finding without a location on line 1 of the file the producer names', () => {
    const log = buildSarifLog({ ...base, findings: [finding({ location: undefined })], noLocationPath: 'package.json' });
    expect(log.runs[0]?.results?.[0]?.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'package.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } } },
    ]);
    expect(log.runs[0]?.results?.[0]?.properties?.['devsecops/location']).toBe('repository');
  });

  it('describes a rule a finding uses but nobody described', () => {
    const log = buildSarifLog({ ...base, rules: [], findings: [finding({ ruleId: 'x/unknown' })] });
    expect(log.runs[0]?.tool.driver.rules?.map((r) => r.id)).toEqual(['x/unknown']);
    expect(log.runs[0]?.results?.[0]?.ruleIndex).toBe(0);
  });

  it('tells of each skipped file as a notification with the file as location', () => {
    const log = buildSarifLog({
      ...base,
      skipped: [
        { path: 'vendor/big.bin', reason: 'over 5 MB', level: 'note' },
        { path: 'secrets/locked.env', reason: 'permission denied', level: 'warning' },
      ],
      invocationNotes: ['Scanned 120 files.'],
    });
    expect(log.runs[0]?.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            descriptor: { id: 'devsecops/skipped-file' },
            level: 'warning',
            message: { text: 'Not scanned: secrets/locked.env: permission denied' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'secrets/locked.env', uriBaseId: '%SRCROOT%' } } }],
          },
          {
            descriptor: { id: 'devsecops/skipped-file' },
            level: 'note',
            message: { text: 'Not scanned: vendor/big.bin: over 5 MB' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'vendor/big.bin', uriBaseId: '%SRCROOT%' } } }],
          },
          { descriptor: { id: 'devsecops/note' }, level: 'note', message: { text: 'Scanned 120 files.' } },
        ],
      },
    ]);
  });

  it('is deterministic whatever the input order', () => {
    const findings = [finding({ fingerprint: 'a' }), finding({ fingerprint: 'b', location: { path: 'a.txt', startLine: 1 } })];
    const one = buildSarifLog({ ...base, findings, rules });
    const two = buildSarifLog({ ...base, findings: [...findings].reverse(), rules: [...rules].reverse() });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });

  it('encodes paths as relative URI references', () => {
    expect(toArtifactUri('./src\\a b/c#d?.ts')).toBe('src/a%20b/c%23d%3F.ts');
    expect(toArtifactUri('c:weird/100%.txt')).toBe('c%3Aweird/100%25.txt');
  });
});

describe('buildSarifLog output validates against the SARIF 2.1.0 schema', () => {
  const shapes: Array<[string, BuildSarifLogInput]> = [
    ['no findings', base],
    ['skipped files', { ...base, skipped: [{ path: 'a.bin', reason: 'binary' }], invocationNotes: ['note'], executionSuccessful: false }],
    [
      'baseline compared, with provenance',
      {
        ...base,
        findings: [finding({ isNew: true }), finding({ isNew: false, fingerprint: 'old' })],
        baselineCompared: true,
        provenance: { repositoryUri: 'https://github.com/octo/repo', revisionId: 'a'.repeat(40), branch: 'refs/heads/main' },
      },
    ],
    ['a finding without a location', { ...base, findings: [finding({ location: undefined })] }],
    [
      'a finding with package and advisory',
      {
        ...base,
        category: 'devsecops/dependency-audit/',
        findings: [
          finding({
            ruleId: 'dep/vulnerable',
            severity: 'medium',
            score: 5.5,
            location: { path: 'package-lock.json', startLine: 120 },
            package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20', fixedVersion: '4.17.21' },
            advisory: { id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'], url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm' },
            properties: { primaryLocationLineHash: 'abc:1', reachable: false },
          }),
        ],
      },
    ],
  ];
  it.each(shapes)('%s', (_name, input) => {
    expectValid(buildSarifLog(input));
  });

  it('and the validator does reject a log GitHub would not read', () => {
    const log = buildSarifLog({ ...base, findings: [finding({})] }) as unknown as { runs: Array<{ results: Array<{ level: string }> }> };
    (log.runs[0]?.results[0] as { level: string }).level = 'critical';
    expect(validateSarif(log)).toBe(false);
  });
});
