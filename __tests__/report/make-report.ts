import { findingSchema, ruleDescriptorSchema, type Finding, type FindingInput } from '../../src/core/findings.js';
import type { ReportInput } from '../../src/core/report/types.js';

/** A finding as the secrets scanner would report it, with overrides. */
export function makeFinding(overrides: Partial<FindingInput> = {}): Finding {
  return findingSchema.parse({
    ruleId: 'secrets/aws-access-key',
    severity: 'critical',
    score: 9.5,
    message: 'An AWS access key ID was added.',
    location: { path: 'src/config.ts', startLine: 12 },
    fingerprint: 'fp-1',
    remediation: 'Deactivate the key in IAM and move it to a secret store.',
    ...overrides,
  });
}

export const RULES = [
  ruleDescriptorSchema.parse({
    id: 'secrets/aws-access-key',
    name: 'AWS access key',
    shortDescription: 'An AWS access key ID',
    score: 9.5,
  }),
];

export function makeReport(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    actionName: 'secrets-scan',
    title: 'Secrets scan',
    findings: [],
    rules: RULES,
    skipped: [],
    result: 'pass',
    failOn: 'high',
    scopeDescription: 'lines added by this pull request (abc1234...def5678)',
    notes: [],
    links: {
      serverUrl: 'https://github.com',
      owner: 'octo-org',
      repo: 'app',
      sha: 'def5678',
      runUrl: 'https://github.com/octo-org/app/actions/runs/42',
    },
    ...overrides,
  };
}
