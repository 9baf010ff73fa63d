import { z } from 'zod';
import { commonSectionShape } from './common.js';

/** The `dependencies` section of .github/devsecops.yml. Keys of its own go after the common ones. */
export const dependenciesSectionSchema = z
  .strictObject({
    ...commonSectionShape,
  })
  .describe('Dependency audit: known vulnerabilities in locked dependencies.');
export type DependenciesSection = z.infer<typeof dependenciesSectionSchema>;
