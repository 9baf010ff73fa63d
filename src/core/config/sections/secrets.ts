import { z } from 'zod';
import { commonSectionShape } from './common.js';

/** The `secrets` section of .github/devsecops.yml. Keys of its own go after the common ones. */
export const secretsSectionSchema = z
  .strictObject({
    ...commonSectionShape,
  })
  .describe('Secrets scanning: finds credentials committed to the repository.');
export type SecretsSection = z.infer<typeof secretsSectionSchema>;
