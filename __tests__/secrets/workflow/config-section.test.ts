import { describe, it, expect } from '@jest/globals';
import { parseConfigText } from '../../../src/core/config/parse-config.js';
import { DEFAULT_SECRETS_BASELINE_PATH, parseByteSize } from '../../../src/core/config/sections/secrets.js';
import { specsFromConfig } from '../../../src/scanners/secrets/workflow/custom-rules.js';

function errorOf(text: string): string {
  try {
    parseConfigText(text, '.github/devsecops.yml');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('the secrets section of the config file', () => {
  it('has defaults for every key', () => {
    const { secrets } = parseConfigText('version: 1\n', '.github/devsecops.yml');
    expect(secrets).toMatchObject({
      rules: [],
      disable: [],
      allowlist: { paths: [], values: [], stopwords: [] },
      baseline: DEFAULT_SECRETS_BASELINE_PATH,
      'gitleaks-config': 'auto',
      'scan-history': false,
      'max-file-size': 1024 * 1024,
    });
  });

  it('reads custom rules, disabled rules, the allowlist and the workflow keys', () => {
    const { secrets } = parseConfigText(
      `secrets:
  rules:
    - id: acme-token
      description: ACME internal token
      regex: 'acme_[a-z0-9]{32}'
      flags: i
      keywords: [acme_]
      entropy: 3
      paths: ["services/**"]
  disable: [generic-api-key]
  allowlist:
    paths: ["test/fixtures/**"]
    values: ["^EXAMPLE"]
    stopwords: [dummy]
  baseline: .secrets-baseline.json
  gitleaks-config: off
  scan-history: true
  max-file-size: 500 KiB
`,
      '.github/devsecops.yml',
    );
    expect(secrets.rules[0]).toEqual({
      id: 'acme-token',
      description: 'ACME internal token',
      regex: 'acme_[a-z0-9]{32}',
      flags: 'i',
      keywords: ['acme_'],
      entropy: 3,
      paths: ['services/**'],
    });
    expect(secrets['max-file-size']).toBe(500 * 1024);
    expect(secrets['gitleaks-config']).toBe('off');
    expect(specsFromConfig(secrets, '.github/devsecops.yml')).toEqual({
      rules: [{ ...secrets.rules[0], origin: '.github/devsecops.yml' }],
      allowlists: [{ paths: ['test/fixtures/**'], values: ['^EXAMPLE'], stopwords: ['dummy'] }],
    });
  });

  it('rejects a rule regex that does not compile with one line naming its key', () => {
    const message = errorOf('secrets:\n  rules:\n    - id: bad\n      regex: "acme_(["\n');
    expect(message).toMatch(/^\.github\/devsecops\.yml:\d+:\d+: secrets\.rules\[0\]\.regex: expected a JavaScript regular expression \(.+\)/);
    expect(message).not.toContain('\n');
  });

  it('rejects an allowlist value that does not compile, naming its index', () => {
    expect(errorOf('secrets:\n  allowlist:\n    values: ["ok", "(unclosed"]\n')).toMatch(
      /secrets\.allowlist\.values\[1\]: expected a JavaScript regular expression/,
    );
  });

  it.each([
    ['secrets:\n  rules:\n    - {id: a, regex: x}\n    - {id: a, regex: y}\n', /secrets\.rules\[1\]\.id: duplicate rule id "a"/],
    ['secrets:\n  rules:\n    - {id: a, regex: x, flags: g}\n', /secrets\.rules\[0\]\.flags: expected regex flags from "imsu"/],
    ['secrets:\n  rules:\n    - {id: a, regex: x, severity: urgent}\n', /secrets\.rules\[0\]\.severity/],
    ['secrets:\n  rules:\n    - {id: a, regex: x, keyword: [a]}\n', /secrets\.rules\[0\]\.keyword: unknown key \(did you mean "keywords"\?\)/],
    ['secrets:\n  max-file-size: lots\n', /secrets\.max-file-size: expected a size such as "1MiB"/],
    ['secrets:\n  allowlist:\n    value: [x]\n', /secrets\.allowlist\.value: unknown key/],
  ])('rejects %j', (text, message) => {
    expect(errorOf(text)).toMatch(message);
  });

  it('parses sizes in decimal and binary units', () => {
    expect(parseByteSize('1MiB')).toBe(1048576);
    expect(parseByteSize('1 MB')).toBe(1000000);
    expect(parseByteSize('2048')).toBe(2048);
    expect(parseByteSize('1.5KiB')).toBe(1536);
    expect(parseByteSize('0')).toBeUndefined();
    expect(parseByteSize('1 parsec')).toBeUndefined();
  });
});
