import { z } from 'zod';
import { commonSectionShape } from './common.js';

/** The document formats the sbom action writes. */
export const SBOM_FORMATS = ['cyclonedx-json', 'spdx-json'] as const;
export type SbomFormat = (typeof SBOM_FORMATS)[number];

/** The sbom section of .github/devsecops.yml. Keys of its own go after the common ones. */
export const sbomSectionSchema = z
  .strictObject({
    ...commonSectionShape,
    format: z
      .array(z.enum(SBOM_FORMATS))
      .min(1)
      .optional()
      .describe('The documents to write: cyclonedx-json (CycloneDX), spdx-json (SPDX 2.3), or both (default [cyclonedx-json]).'),
    'cyclonedx-version': z.enum(['1.6', '1.5']).optional().describe('The CycloneDX specification version (default 1.6).'),
    'per-workspace': z
      .boolean()
      .optional()
      .describe('One document per workspace of a monorepo instead of one for the repository (default false).'),
    reproducible: z
      .boolean()
      .optional()
      .describe('Byte-identical documents for the same commit: timestamp from SOURCE_DATE_EPOCH or the commit, serial number from the content (default false; SOURCE_DATE_EPOCH alone turns it on).'),
    'dependency-snapshot': z
      .boolean()
      .optional()
      .describe("Submit the dependencies to GitHub's dependency graph (needs contents: write; default true in the action)."),
  })
  .describe('Software bill of materials generated from the lockfiles.');
export type SbomSection = z.infer<typeof sbomSectionSchema>;
