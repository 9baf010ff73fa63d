import { z } from 'zod';
import { SEVERITIES, severitySchema } from '../../severity.js';
import { ECOSYSTEMS } from '../../inventory/types.js';
import { commonSectionShape, globSchema } from './common.js';

/**
 * The `policy` section of .github/devsecops.yml: the rules, thresholds,
 * licence lists, exceptions and self-tests the policy gate evaluates. This
 * file only fixes the shape; what each key means at evaluation time belongs to
 * the policy gate.
 */

const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'expected an id of letters, digits, ".", "_" or "-"' });

/** A band name, or a 0–10 score as GitHub's security-severity. */
export const severityMatchSchema = z.union([severitySchema, z.number().min(0).max(10)], {
  error: `expected a severity (${SEVERITIES.join('|')}) or a score from 0 to 10`,
});

/** An SPDX licence id (`MIT`, `Apache-2.0`, `LicenseRef-acme`); expressions such as `MIT OR Apache-2.0` are not ids. */
export const spdxIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.+:-]*$/, { error: 'expected an SPDX license id such as MIT or Apache-2.0' });

/** The conditions a rule or an exception matches on; every key given must match. */
export const matcherShape = {
  tool: z
    .string()
    .min(1)
    .optional()
    .describe('The tool that reported the finding, case-insensitive: "devsecops" for ours, the SARIF driver name for others ("semgrep" also matches "Semgrep OSS").'),
  ruleId: globSchema
    .optional()
    .describe('The rule id, as a glob over the whole id: "*" stops at "/", "**" does not (e.g. "secrets/aws-*", "python.*", "js/**").'),
  severity: severityMatchSchema
    .optional()
    .describe('A severity band (that band or worse) or a 0–10 score (findings scoring at least this).'),
  tags: z.array(z.string().min(1)).min(1).optional().describe('Tags the finding must all carry.'),
  path: globSchema
    .optional()
    .describe(
      'The file the finding is in, as a gitignore-style glob relative to the repository root ("legacy/**", "*.min.js" at any depth, "/build" at the root only).',
    ),
  new: z.boolean().optional().describe('true: only findings the change introduces; false: only findings already on the base.'),
  package: z
    .string()
    .min(1)
    .optional()
    .describe(
      'The affected package: a name ("lodash", "@babel/core") or a purl ("pkg:npm/lodash"), optionally with "@" and a version range in the ecosystem\'s ordering ("lodash@<4.17.21", "pkg:pypi/django@>=4.0 <4.2.7", "a@1.0.0 || >=2.0.0").',
    ),
  advisory: z.string().min(1).optional().describe('The advisory id or one of its aliases (GHSA-…, CVE-…).'),
  cel: z.string().min(1).optional().describe('A CEL expression over the finding, for conditions the keys above cannot express.'),
  rego: z
    .strictObject({
      wasm: z.string().min(1).describe('The policy compiled by `opa build -t wasm` (policy.wasm or the bundle.tar.gz), relative to the repository root.'),
      entrypoint: z.string().min(1).optional().describe('The rule to evaluate, e.g. "devsecops/fail"; may be left out when the module has one entrypoint.'),
      data: z.record(z.string(), z.unknown()).optional().describe('Extra `data` for the policy, merged over the bundle\'s data.json.'),
    })
    .optional()
    .describe('An OPA policy compiled to WebAssembly, evaluated with the finding (the CEL `finding` object) as `input`: true, or a non-empty set, matches.'),
};
export const matcherSchema = z.strictObject(matcherShape);
export type Matcher = z.infer<typeof matcherSchema>;

export const policyRuleSchema = z.strictObject({
  id: idSchema.describe('A unique id for the rule, shown when it decides a finding.'),
  when: matcherSchema.describe('Which findings the rule applies to; every key given must match. {} matches every finding.'),
  action: z.enum(['fail', 'warn', 'ignore']).describe('What happens to a matching finding.'),
  message: z.string().min(1).optional().describe('Shown with each finding the rule decides, e.g. what to do instead.'),
});
export type PolicyRule = z.infer<typeof policyRuleSchema>;

export const thresholdSchema = z.strictObject({
  severity: severitySchema.describe('The severity band counted, with every band above it ("high" counts high and critical findings).'),
  new: z
    .boolean()
    .optional()
    .describe('true: count only findings the change introduces; false: only findings already on the base; absent: all.'),
  max: z.int().min(0).describe('The most findings of this band or worse the gate lets through (excepted and ignored findings do not count).'),
});
export type Threshold = z.infer<typeof thresholdSchema>;

/** What an exception can match on: a rule's conditions, plus one finding's own fingerprint. */
export const exceptionMatchSchema = z.strictObject({
  ...matcherShape,
  fingerprint: z
    .string()
    .min(1)
    .optional()
    .describe('The finding\'s fingerprint (SARIF partialFingerprints), to except exactly one finding.'),
});

export const policyExceptionSchema = z.strictObject({
  match: exceptionMatchSchema
    .refine((m) => Object.keys(m).length > 0, {
      // An empty match would silence every finding: too easy to write by accident.
      error: 'expected at least one condition (an empty match would except every finding)',
    })
    .describe('Which findings are excepted; every key given must match.'),
  reason: z.string().trim().min(1).describe('Why the exception is acceptable; required so reviews can judge it.'),
  owner: z.string().trim().min(1).describe('Who answers for the exception (a person or team handle); required.'),
  expires: z.iso
    .date()
    .describe('The last day (YYYY-MM-DD) the exception applies; required, so every exception is looked at again.'),
  'dismiss-reason': z
    .enum(['false positive', "won't fix", 'used in tests'])
    .optional()
    .describe('The code-scanning dismissal reason used when `dismiss-alerts` dismisses the alerts this exception covers; default "won\'t fix".'),
});
export type PolicyException = z.infer<typeof policyExceptionSchema>;
export type ExceptionMatch = z.infer<typeof exceptionMatchSchema>;

/**
 * A finding written by hand in a policy test; only `ruleId` and `severity` are
 * required. `severity` is a band or a 0–10 score (as `security-severity`).
 */
export const policyTestFindingSchema = z.strictObject({
  tool: z.string().min(1).optional(),
  ruleId: z.string().min(1),
  severity: severityMatchSchema,
  score: z.number().min(0).max(10).optional(),
  fingerprint: z.string().min(1).optional(),
  new: z.boolean().optional(),
  path: z.string().min(1).optional(),
  line: z.int().positive().optional(),
  tags: z.array(z.string().min(1)).optional(),
  package: z.string().min(1).optional().describe('A purl ("pkg:npm/lodash@4.17.20") or a name with "@" and a version.'),
  ecosystem: z.enum(ECOSYSTEMS).optional().describe('The package\'s ecosystem when `package` is not a purl (OSV spelling).'),
  advisory: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).optional().describe('Other ids of the advisory (CVE-…, GHSA-…).'),
  message: z.string().optional(),
});
export type PolicyTestFinding = z.infer<typeof policyTestFindingSchema>;

export const policyTestSchema = z.strictObject({
  name: z.string().min(1).describe('What the test shows, e.g. "a new critical secret fails".'),
  findings: z.array(policyTestFindingSchema).describe('The findings the policy is evaluated on.'),
  expect: z.enum(['pass', 'fail', 'warn']).describe('The outcome the policy must give.'),
});
export type PolicyTest = z.infer<typeof policyTestSchema>;

/** Reports the second and later items of `items` whose `key` repeats an earlier one. */
function uniqueBy<T>(key: keyof T & string, what: string) {
  return (items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Set<unknown>();
    items.forEach((item, index) => {
      const value = item[key];
      if (seen.has(value)) {
        ctx.addIssue({ code: 'custom', path: [index, key], input: value, message: `duplicate ${what} ${JSON.stringify(value)}` });
      }
      seen.add(value);
    });
  };
}

/** Two thresholds over the same band and the same `new` would contradict each other. */
function uniqueThresholds(items: Threshold[], ctx: z.core.$RefinementCtx<Threshold[]>): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = `${item.severity}/${String(item.new)}`;
    if (seen.has(key)) {
      const which = item.new === undefined ? '' : item.new ? ' (new findings)' : ' (existing findings)';
      ctx.addIssue({
        code: 'custom',
        path: [index, 'severity'],
        input: item.severity,
        message: `duplicate threshold for severity ${JSON.stringify(item.severity)}${which}`,
      });
    }
    seen.add(key);
  });
}

export const licensesSchema = z
  .strictObject({
    allow: z.array(spdxIdSchema).optional().describe('SPDX ids allowed; any other licence is reported.'),
    deny: z.array(spdxIdSchema).optional().describe('SPDX ids reported; any other licence is allowed.'),
    'skip-development': z
      .boolean()
      .default(false)
      .describe('true: packages only development needs (CycloneDX scope "excluded") are not checked, since they are not shipped.'),
  })
  .superRefine((licenses, ctx) => {
    const allowed = new Set((licenses.allow ?? []).map((id) => id.toLowerCase()));
    (licenses.deny ?? []).forEach((id, index) => {
      if (allowed.has(id.toLowerCase())) {
        ctx.addIssue({ code: 'custom', path: ['deny', index], input: id, message: `${JSON.stringify(id)} is in both allow and deny` });
      }
    });
  })
  .describe('Licence lists checked against the dependencies (SPDX ids).');
export type LicensesConfig = z.infer<typeof licensesSchema>;

export const policySectionSchema = z
  .strictObject({
    ...commonSectionShape,
    mode: z
      .enum(['enforce', 'warn'])
      .default('enforce')
      .describe('"enforce" fails the run when the policy fails; "warn" reports the same decisions without failing.'),
    rules: z
      .array(policyRuleSchema)
      .default([])
      .superRefine(uniqueBy<PolicyRule>('id', 'rule id'))
      .describe('Rules evaluated in order; the first that matches a finding decides it.'),
    thresholds: z
      .array(thresholdSchema)
      .default([])
      .superRefine(uniqueThresholds)
      .describe('The most findings of each severity the gate lets through.'),
    licenses: licensesSchema.optional(),
    exceptions: z
      .array(policyExceptionSchema)
      .default([])
      .describe('Findings accepted on purpose, each with a reason, an owner and an expiry date; applied before the rules.'),
    tests: z
      .array(policyTestSchema)
      .default([])
      .superRefine(uniqueBy<PolicyTest>('name', 'test name'))
      .describe('Examples the policy must decide as expected; run by the policy gate before it evaluates real findings.'),
  })
  .describe('The policy gate: rules, thresholds, licences and exceptions that decide whether a run passes.');
export type PolicySection = z.infer<typeof policySectionSchema>;
