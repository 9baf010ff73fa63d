import { describe, expect, it } from '@jest/globals';
import { commonInputsSchema } from '../../src/core/inputs/common.js';
import { choiceInput, listInput, stringInput } from '../../src/core/inputs/input-types.js';
import { parseActionInputs } from '../../src/core/inputs/parse-inputs.js';
import { UsageError } from '../../src/core/errors.js';

/** Raw inputs as the runner would give them: unset ones are empty strings. */
function reader(values: Record<string, string>) {
  return (name: string) => values[name] ?? '';
}

const schema = commonInputsSchema({ 'fail-on-severity': 'high' });

function errorOf(values: Record<string, string>, s: typeof schema = schema): string {
  try {
    parseActionInputs(s, reader(values));
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('commonInputsSchema with parseActionInputs', () => {
  it('applies the defaults when only the token is set', () => {
    expect(parseActionInputs(schema, reader({ token: 'ghs_x' }))).toEqual({
      token: 'ghs_x',
      path: '.',
      config: { file: '.github/devsecops.yml', explicit: false },
      'upload-sarif': true,
      comment: true,
      annotations: true,
      'fail-on-severity': { value: 'high', explicit: false },
      scope: { value: 'auto', explicit: false },
    });
  });

  it('marks the inputs the user set as explicit', () => {
    const inputs = parseActionInputs(
      schema,
      reader({ token: 't', config: 'ci/devsecops.yml', 'fail-on-severity': 'critical', scope: 'all', path: 'services/api' }),
    );
    expect(inputs.config).toEqual({ file: 'ci/devsecops.yml', explicit: true });
    expect(inputs['fail-on-severity']).toEqual({ value: 'critical', explicit: true });
    expect(inputs.scope).toEqual({ value: 'all', explicit: true });
    expect(inputs.path).toBe('services/api');
  });

  it('takes each action its own default threshold', () => {
    const sbom = commonInputsSchema({ 'fail-on-severity': 'none', scope: 'all' });
    const inputs = parseActionInputs(sbom, reader({ token: 't' }));
    expect(inputs['fail-on-severity']).toEqual({ value: 'none', explicit: false });
    expect(inputs.scope).toEqual({ value: 'all', explicit: false });
  });

  it('reads booleans as the toolkit does: six spellings, anything else an error', () => {
    for (const raw of ['true', 'True', 'TRUE']) {
      expect(parseActionInputs(schema, reader({ token: 't', comment: raw })).comment).toBe(true);
    }
    for (const raw of ['false', 'False', 'FALSE']) {
      expect(parseActionInputs(schema, reader({ token: 't', 'upload-sarif': raw }))['upload-sarif']).toBe(false);
    }
    expect(errorOf({ token: 't', annotations: 'yes' })).toBe(
      'Input "annotations" must be one of true, True, TRUE, false, False, FALSE (got "yes").',
    );
    expect(errorOf({ token: 't', comment: 'tRUE' })).toContain('Input "comment" must be one of true');
  });

  it('names the input and the allowed values when a choice is wrong', () => {
    expect(errorOf({ token: 't', 'fail-on-severity': 'severe' })).toBe(
      'Input "fail-on-severity" must be one of critical, high, medium, low, any, none (got "severe").',
    );
    expect(errorOf({ token: 't', scope: 'diff' })).toBe('Input "scope" must be one of auto, changes, all (got "diff").');
  });

  it('trims values as getInput does', () => {
    expect(parseActionInputs(schema, reader({ token: ' t ', scope: ' changes\n' })).scope).toEqual({ value: 'changes', explicit: true });
  });

  it('requires a token and never echoes one', () => {
    expect(errorOf({})).toBe('Input "token" is empty: pass a token, or leave the input unset to use ${{ github.token }}.');
    const withSecret = schema.extend({ 'api-token': choiceInput(['a', 'b'], 'a') });
    const message = errorOf({ token: 't', 'api-token': 'ghp_supersecretvalue' }, withSecret as unknown as typeof schema);
    expect(message).toBe('Input "api-token" must be one of a, b (got a value that is not shown).');
    expect(message).not.toContain('supersecret');
  });

  it('counts further problems on the same line', () => {
    expect(errorOf({ token: 't', scope: 'x', comment: 'y' })).toMatch(/^Input "comment" .*\(1 more input problem after this one\)$/);
  });

  it('lets an action extend the common inputs with its own', () => {
    const secretsSchema = commonInputsSchema({ 'fail-on-severity': 'high' }).extend({
      'max-file-size': stringInput('1MiB'),
      'extra-rules': listInput(),
      engine: choiceInput(['builtin', 'gitleaks'], 'builtin'),
    });
    const inputs = parseActionInputs(secretsSchema, reader({ token: 't', 'extra-rules': 'a, b\nc\n\n', engine: '' }));
    expect(inputs['max-file-size']).toBe('1MiB');
    expect(inputs['extra-rules']).toEqual(['a', 'b', 'c']);
    expect(inputs.engine).toBe('builtin');
    expect(inputs.comment).toBe(true);
    expect(() => parseActionInputs(secretsSchema, reader({ token: 't', engine: 'trufflehog' }))).toThrow(
      'Input "engine" must be one of builtin, gitleaks (got "trufflehog").',
    );
  });

  it('reads exactly the inputs the schema names', () => {
    const asked: string[] = [];
    parseActionInputs(schema, (name) => {
      asked.push(name);
      return name === 'token' ? 't' : '';
    });
    expect(asked).toEqual(['token', 'path', 'config', 'upload-sarif', 'comment', 'annotations', 'fail-on-severity', 'scope']);
  });
});
