import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';

const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/**
 * A draft-07 Ajv for one CycloneDX version. Not strict: the schema's
 * `oneOf[0].required: ["id"]` trips strictRequired, and `meta:enum` is an
 * annotation. ajv-formats has neither `idn-email` nor `iri-reference`; they get
 * loose checks (one `@`; no whitespace or characters RFC 3987 excludes)
 * rather than none.
 */
function makeAjv(): Ajv.default {
  // ajv and ajv-formats are CommonJS with `exports.default`: under NodeNext the default import is the exports object.
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  ajvFormats.default(ajv);
  ajv.addKeyword('meta:enum');
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
  ajv.addFormat('iri-reference', /^[^\s<>"{}|\\^`]*$/u);
  return ajv;
}

function compile16(): ValidateFunction {
  const folder = path.join(repoRoot, '__tests__/fixtures/schemas');
  const ajv = makeAjv();
  ajv.addSchema(readJson(path.join(folder, 'spdx.schema.json')));
  ajv.addSchema(readJson(path.join(folder, 'jsf-0.82.schema.json')));
  return ajv.compile(readJson(path.join(folder, 'bom-1.6.schema.json')));
}

/**
 * The library's 1.5 copy refers to `spdx.SNAPSHOT.schema.json` and
 * `jsf-0.82.SNAPSHOT.schema.json`, whose `$id`s are the unsuffixed ones, so
 * they are registered under the names the references use (as the library's
 * own validator does).
 */
function compile15(): ValidateFunction {
  const folder = path.join(repoRoot, 'node_modules/@cyclonedx/cyclonedx-library/res/schema');
  const ajv = makeAjv();
  ajv.addSchema({ ...readJson(path.join(folder, 'spdx.SNAPSHOT.schema.json')), $id: 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json' });
  ajv.addSchema({ ...readJson(path.join(folder, 'jsf-0.82.SNAPSHOT.schema.json')), $id: 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json' });
  return ajv.compile(readJson(path.join(folder, 'bom-1.5.SNAPSHOT.schema.json')));
}

const validators = new Map<string, ValidateFunction>();

/** The validator of a CycloneDX JSON version (`1.6` or `1.5`); compiled once. */
export function cyclonedxValidator(specVersion: '1.6' | '1.5'): ValidateFunction {
  let validate = validators.get(specVersion);
  if (!validate) {
    validate = specVersion === '1.6' ? compile16() : compile15();
    validators.set(specVersion, validate);
  }
  return validate;
}

/** The schema errors of a document (its own `specVersion`), one line each; empty when valid. */
export function cyclonedxSchemaErrors(document: unknown): string[] {
  const version = (document as { specVersion?: unknown }).specVersion;
  if (version !== '1.6' && version !== '1.5') return [`specVersion ${JSON.stringify(version)} is neither 1.6 nor 1.5`];
  return validateCycloneDx(document, version);
}

/** The schema errors of a document against the given version's schema, one line each; empty when valid. */
export function validateCycloneDx(document: unknown, specVersion: '1.6' | '1.5'): string[] {
  const validate = cyclonedxValidator(specVersion);
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}
