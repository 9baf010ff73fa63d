import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseConfigText } from '../../src/core/config/parse-config.js';
import { configSchema } from '../../src/core/config/schema.js';
import { UsageError } from '../../src/core/errors.js';

const FILE = '.github/devsecops.yml';

/** Parses and says how it ended; anything but a config or a one-line UsageError fails the property. */
function outcome(text: string): 'config' | 'usage-error' {
  try {
    const config = parseConfigText(text, FILE);
    // Whatever was accepted is a complete, valid config.
    expect(configSchema.safeParse(config).success).toBe(true);
    return 'config';
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    expect(error.message.startsWith(FILE)).toBe(true);
    expect(error.message).not.toContain('\n');
    return 'usage-error';
  }
}

const KEYS = [
  'version', 'fail-on-severity', 'scope', 'paths', 'ignore', 'secrets', 'dependencies', 'sbom', 'policy', 'enabled',
  'mode', 'rules', 'thresholds', 'licenses', 'exceptions', 'tests', 'id', 'when', 'action', 'severity', 'max',
  'allow', 'deny', 'match', 'reason', 'expires', 'name', 'findings', 'expect', 'ruleId', '__proto__', 'constructor', '<<',
];
const VALUES = ['critical', 'high', 'any', 'none', 'auto', 'all', 'fail', 'warn', 'enforce', 'MIT', '2025-01-31', 'yes', 'on'];

/** Config-shaped data: the suite's own keys and values, nested and mixed with noise. */
const configLike: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...VALUES),
    fc.integer({ min: -5, max: 20 }),
    fc.double({ noNaN: false }),
    fc.boolean(),
    fc.constant(null),
    fc.string(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string()), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** YAML punctuation and the snippets that trip parsers. */
const yamlNoise = fc
  .array(
    fc.constantFrom(
      ':', '- ', '  ', '\n', '\t', '&a ', '*a', '!!str ', '!tag ', '[', ']', '{', '}', ',', '"', "'", '#', '|', '>',
      '? ', '---\n', '...\n', '%YAML 1.2\n', 'policy:', 'rules:', 'id: x', '<<: *a', '\u0000', '\uFEFF', '\r\n',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('parseConfigText on any text', () => {
  it('ends in a config or a one-line UsageError for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        outcome(text);
      }),
      { numRuns: 500 },
    );
  });

  it('ends in a config or a one-line UsageError for YAML-looking noise', () => {
    fc.assert(
      fc.property(yamlNoise, (text) => {
        outcome(text);
      }),
      { numRuns: 500 },
    );
  });

  it('ends in a config or a one-line UsageError for config-shaped documents', () => {
    fc.assert(
      fc.property(configLike, (data) => {
        outcome(stringify(data));
      }),
      { numRuns: 500 },
    );
  });

  it('never hangs on deeply nested or alias-heavy input', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 12 }), (depth, fanout) => {
        const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
        const aliases = `a: &a [x]\n${Array.from({ length: fanout }, (_, i) => `k${i}: [${Array(fanout).fill('*a').join(',')}]`).join('\n')}\n`;
        const started = Date.now();
        outcome(nested);
        outcome(aliases);
        expect(Date.now() - started).toBeLessThan(5000);
      }),
      { numRuns: 50 },
    );
  });
});
