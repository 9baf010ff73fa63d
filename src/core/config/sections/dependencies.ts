import { z } from 'zod';
import { ECOSYSTEMS } from '../../inventory/types.js';
import { commonSectionShape } from './common.js';

/** The dependency scopes a lockfile can state (see src/core/inventory/types.ts). */
export const DEPENDENCY_SCOPES = ['runtime', 'development', 'optional', 'peer'] as const;

const reasonKey = z.string().trim().min(1).describe('Why the exclusion is acceptable; required so reviews can judge it.');
const expiresKey = z.iso
  .date()
  .optional()
  .describe('The day (YYYY-MM-DD) after which the exclusion no longer applies (and the run says so).');
const ecosystemKey = z.enum(ECOSYSTEMS).optional().describe('Only packages of this ecosystem (OSV spelling: npm, PyPI, Go, Maven, …).');

export const packageExclusionSchema = z.strictObject({
  name: z.string().min(1).describe('The package name as its ecosystem writes it (e.g. "@babel/core", "org.yaml:snakeyaml").'),
  ecosystem: ecosystemKey,
  reason: reasonKey,
  expires: expiresKey,
});
export type PackageExclusion = z.infer<typeof packageExclusionSchema>;

export const advisoryExclusionSchema = z.strictObject({
  id: z.string().min(1).describe('The advisory id or any of its aliases (GHSA-…, CVE-…, PYSEC-…).'),
  packages: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Only for these packages (default: every package the advisory affects).'),
  reason: reasonKey,
  expires: expiresKey,
});
export type AdvisoryExclusion = z.infer<typeof advisoryExclusionSchema>;

export const dependencyExclusionsSchema = z
  .strictObject({
    scopes: z
      .array(z.enum(DEPENDENCY_SCOPES))
      .default([])
      .describe('Dependency scopes not audited (e.g. ["development"]); listed as left out in the report.'),
    packages: z.array(packageExclusionSchema).default([]).describe('Packages not audited.'),
    advisories: z.array(advisoryExclusionSchema).default([]).describe('Advisories not reported (for every package, or for the ones listed).'),
  })
  .describe('What the audit leaves out, each with a reason and an optional expiry date.');
export type DependencyExclusions = z.infer<typeof dependencyExclusionsSchema>;

/** The `dependencies` section of .github/devsecops.yml. Keys of its own go after the common ones. */
export const dependenciesSectionSchema = z
  .strictObject({
    ...commonSectionShape,
    advisories: z
      .string()
      .min(1)
      .optional()
      .describe('Where advisories come from: "osv" (the OSV API, the default), or a folder or .zip of OSV JSON records (relative to the repository root).'),
    exclude: dependencyExclusionsSchema.prefault({}),
  })
  .describe('Dependency audit: known vulnerabilities in locked dependencies.');
export type DependenciesSection = z.infer<typeof dependenciesSectionSchema>;
