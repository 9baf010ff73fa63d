import { z } from 'zod';
import { configSchema } from './schema.js';

/**
 * Where the published JSON Schema lives. Editors find it through a modeline at
 * the top of the config file:
 *   # yaml-language-server: $schema=<this URL>
 * The repository owner is a placeholder until the repository is published.
 */
export const CONFIG_SCHEMA_ID =
  'https://raw.githubusercontent.com/devsecops-actions/devsecops-actions/main/schemas/devsecops-config.schema.json';

/** The repository path of the committed schema, written by `npm run schema`. */
export const CONFIG_SCHEMA_PATH = 'schemas/devsecops-config.schema.json';

/**
 * The JSON Schema of .github/devsecops.yml, derived from the zod schema so the
 * two cannot drift. It describes what a user writes (`io: "input"`), so keys
 * with defaults are optional. Cross-field rules (unique rule ids, a licence in
 * both lists) are only checked by the loader.
 */
export function buildConfigJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: CONFIG_SCHEMA_ID,
    title: 'devsecops-actions configuration',
    ...rest,
  };
}

/** The schema as the committed file holds it: two-space JSON with a final newline. */
export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(buildConfigJsonSchema(), null, 2)}\n`;
}
