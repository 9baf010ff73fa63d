import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The vendored OASIS schema declares draft-04 ("$schema": ".../draft-04/schema#"), so ajv-draft-04.
const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas/vendor/sarif-schema-2.1.0.json'), 'utf8')) as object;
// Both are CommonJS with `exports.default`: under NodeNext the default import is the exports object.
const ajv = new ajvDraft04.default({ strict: false, allErrors: true });
ajvFormats.default(ajv);

/** Validates against the official SARIF 2.1.0 schema; `validateSarif.errors` says why not. */
export const validateSarif = ajv.compile(schema);
