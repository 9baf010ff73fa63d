import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildConfigJsonSchema, CONFIG_SCHEMA_ID, CONFIG_SCHEMA_PATH, renderConfigJsonSchema } from '../../src/core/config/json-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function validator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.compile(buildConfigJsonSchema());
}

describe('the committed JSON Schema', () => {
  it('equals a fresh export (run "npm run schema" when this fails)', () => {
    const committed = readFileSync(path.join(root, CONFIG_SCHEMA_PATH), 'utf8');
    expect(committed).toBe(renderConfigJsonSchema());
  });

  it('has the header editors need and the descriptions from the zod schema', () => {
    const schema = buildConfigJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(CONFIG_SCHEMA_ID);
    expect(schema.title).toBe('devsecops-actions configuration');
    expect(schema.additionalProperties).toBe(false);
    const text = JSON.stringify(schema);
    expect(text).toContain('Rules evaluated in order');
    expect(text).toContain('"required":["id","when","action"]');
  });

  it('accepts a real config and rejects a misspelt key, as the loader does', () => {
    const validate = validator();
    const good = parse(
      'version: 1\nsecrets: {fail-on-severity: high}\npolicy:\n  rules: [{id: a, when: {severity: 7.5}, action: fail}]\n  exceptions: [{match: {ruleId: x}, reason: ok, owner: "@acme/web", expires: 2026-01-31}]\n',
    );
    expect(validate(good)).toBe(true);
    expect(validate({ policy: { rulez: [] } })).toBe(false);
    expect(validate({ policy: { rules: [{ id: 'a', when: {}, action: 'block' }] } })).toBe(false);
  });
});
