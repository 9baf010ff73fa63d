import { z } from 'zod';
import { commonSectionShape } from './common.js';

/** The `sbom` section of .github/devsecops.yml. Keys of its own go after the common ones. */
export const sbomSectionSchema = z
  .strictObject({
    ...commonSectionShape,
  })
  .describe('Software bill of materials generated from the lockfiles.');
export type SbomSection = z.infer<typeof sbomSectionSchema>;
