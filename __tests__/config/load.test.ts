import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, defaultConfig } from '../../src/core/config/load.js';
import { parseConfigText, MAX_ALIAS_COUNT } from '../../src/core/config/parse-config.js';
import { UsageError } from '../../src/core/errors.js';
import { createRecordingLogger } from '../../src/core/logger.js';

const FILE = '.github/devsecops.yml';

function errorOf(text: string): string {
  try {
    parseConfigText(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a UsageError');
}

const FULL_POLICY = `
version: 1
fail-on-severity: high
scope: changes
paths:
  ignore: ["vendor/**"]
secrets:
  enabled: true
  fail-on-severity: medium
  paths:
    ignore: ["test/fixtures/**"]
dependencies:
  scope: all
sbom:
  enabled: false
policy:
  mode: warn
  rules:
    - id: no-new-criticals
      when: { severity: critical, new: true }
      action: fail
      message: New critical findings must be fixed before merge.
    - id: aws-keys
      when: { tool: devsecops, ruleId: "secrets/aws-*", path: "src/**", tags: [credential] }
      action: fail
    - id: low-scores
      when: { severity: 3.5 }
      action: warn
    - id: cel-rule
      when: { cel: "finding.score > 8.0 && finding.isNew" }
      action: ignore
  thresholds:
    - { severity: high, max: 0 }
    - { severity: medium, max: 10 }
  licenses:
    deny: [GPL-3.0-only, AGPL-3.0-or-later, LicenseRef-acme-internal]
  exceptions:
    - match: { package: lodash, advisory: GHSA-jf85-cpcp-j695 }
      reason: Not reachable; we never call merge with user input.
      owner: "@acme/platform"
      expires: 2026-03-31
  tests:
    - name: a new critical secret fails
      findings:
        - { tool: devsecops, ruleId: secrets/aws-access-key, severity: critical, new: true, path: src/app.ts }
      expect: fail
    - name: nothing passes
      findings: []
      expect: pass
`;

describe('parseConfigText', () => {
  it('gives every default for an empty file or a file of comments', () => {
    expect(parseConfigText('', FILE)).toEqual(defaultConfig());
    expect(parseConfigText('# nothing yet\n', FILE)).toEqual(defaultConfig());
    const config = defaultConfig();
    expect(config.paths.ignore).toEqual([]);
    expect(config.secrets.enabled).toBe(true);
    expect(config.policy.mode).toBe('enforce');
    expect(config.policy.rules).toEqual([]);
    expect(config['fail-on-severity']).toBeUndefined();
  });

  it('reads a full config with every section and the policy shape', () => {
    const config = parseConfigText(FULL_POLICY, FILE);
    expect(config.version).toBe(1);
    expect(config['fail-on-severity']).toBe('high');
    expect(config.secrets['fail-on-severity']).toBe('medium');
    expect(config.secrets.paths.ignore).toEqual(['test/fixtures/**']);
    expect(config.sbom.enabled).toBe(false);
    expect(config.dependencies.scope).toBe('all');
    expect(config.policy.rules.map((r) => r.id)).toEqual(['no-new-criticals', 'aws-keys', 'low-scores', 'cel-rule']);
    expect(config.policy.rules[2]?.when.severity).toBe(3.5);
    expect(config.policy.exceptions[0]?.expires).toBe('2026-03-31');
    expect(config.policy.tests[0]?.findings[0]?.ruleId).toBe('secrets/aws-access-key');
  });

  it('names the file, line, key path, what was expected and what was found', () => {
    const text = `policy:
  rules:
    - { id: a, when: {}, action: fail }
    - { id: b, when: {}, action: warn }
    - id: c
      when: {}
      action: block
`;
    expect(errorOf(text)).toBe(`${FILE}:7:15: policy.rules[2].action: expected one of fail|warn|ignore, got "block"`);
  });

  it('rejects a misspelt key instead of ignoring it, and suggests the intended one', () => {
    expect(errorOf('policy:\n  rulez: []\n')).toBe(
      `${FILE}:2:3: policy.rulez: unknown key (did you mean "rules"?); allowed keys: enabled|fail-on-severity|scope|paths|mode|rules|thresholds|licenses|exceptions|tests`,
    );
    expect(errorOf('secrets:\n  enable: false\n')).toMatch(/secrets\.enable: unknown key \(did you mean "enabled"\?\)/);
    expect(errorOf('sbom: {paths: {ignored: [a]}}\n')).toMatch(/sbom\.paths\.ignored: unknown key \(did you mean "ignore"\?\)/);
    expect(errorOf('frobnicate: 1\n')).toMatch(/^\.github\/devsecops\.yml:1:1: frobnicate: unknown key; allowed keys: version\|/);
  });

  it('keeps YAML 1.1 booleans and dates as strings (YAML 1.2 core schema)', () => {
    expect(errorOf('secrets:\n  enabled: no\n')).toBe(`${FILE}:2:12: secrets.enabled: expected true or false, got "no"`);
    expect(errorOf('secrets:\n  enabled: on\n')).toContain('got "on"');
  });

  it('reports values of the wrong type and out of range', () => {
    expect(errorOf('version: 2\n')).toBe(`${FILE}:1:10: version: expected 1, got 2`);
    expect(errorOf('fail-on-severity: severe\n')).toBe(
      `${FILE}:1:19: fail-on-severity: expected one of critical|high|medium|low|any|none, got "severe"`,
    );
    expect(errorOf('paths: {ignore: "vendor/**"}\n')).toBe(`${FILE}:1:17: paths.ignore: expected a list, got "vendor/**"`);
    expect(errorOf('policy: {thresholds: [{severity: high, max: -1}]}\n')).toContain('policy.thresholds[0].max: expected a number ≥ 0, got -1');
    expect(errorOf('policy: {rules: [{id: a, when: {severity: 11}, action: fail}]}\n')).toContain(
      'policy.rules[0].when.severity: expected a number ≤ 10, got 11',
    );
    expect(errorOf('policy: {rules: [{id: a, when: {severity: severe}, action: fail}]}\n')).toContain(
      'policy.rules[0].when.severity: expected a severity (critical|high|medium|low|note) or a score from 0 to 10, got "severe"',
    );
  });

  it('requires an exception to have a reason, an owner, a condition and a real date', () => {
    expect(errorOf('policy: {exceptions: [{match: {ruleId: x}}]}\n')).toBe(
      `${FILE}:1:23: policy.exceptions[0].reason: is required (expected a string) (and 2 more)`,
    );
    expect(errorOf('policy: {exceptions: [{match: {ruleId: x}, reason: ok, expires: 2027-01-31}]}\n')).toContain(
      'policy.exceptions[0].owner: is required',
    );
    expect(errorOf('policy: {exceptions: [{match: {ruleId: x}, reason: ok, owner: "@a"}]}\n')).toContain(
      'policy.exceptions[0].expires: is required',
    );
    expect(errorOf('policy: {exceptions: [{match: {}, reason: ok, owner: "@a", expires: 2027-01-31}]}\n')).toContain(
      'policy.exceptions[0].match: expected at least one condition (an empty match would except every finding)',
    );
    expect(errorOf('policy: {exceptions: [{match: {ruleId: x}, reason: ok, owner: "@a", expires: 2025-02-30}]}\n')).toContain(
      'policy.exceptions[0].expires: expected a date as YYYY-MM-DD, got "2025-02-30"',
    );
  });

  it('rejects duplicate rule ids, test names and a licence both allowed and denied', () => {
    expect(errorOf('policy: {rules: [{id: a, when: {}, action: fail}, {id: a, when: {}, action: warn}]}\n')).toContain(
      'policy.rules[1].id: duplicate rule id "a"',
    );
    expect(errorOf('policy: {tests: [{name: t, findings: [], expect: pass}, {name: t, findings: [], expect: fail}]}\n')).toContain(
      'policy.tests[1].name: duplicate test name "t"',
    );
    expect(errorOf('policy: {licenses: {allow: [MIT], deny: [mit]}}\n')).toContain(
      'policy.licenses.deny[0]: "mit" is in both allow and deny',
    );
    expect(errorOf('policy: {licenses: {deny: ["MIT OR Apache-2.0"]}}\n')).toContain(
      'expected an SPDX license id such as MIT or Apache-2.0',
    );
  });

  it('says how many more problems there are without listing them', () => {
    expect(errorOf('version: 2\nscope: sometimes\n')).toBe(`${FILE}:1:10: version: expected 1, got 2 (and 1 more)`);
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(errorOf('policy:\n  rules: [\n')).toMatch(/^\.github\/devsecops\.yml:3:1: /);
    expect(errorOf('a: b: c\n')).toBe(`${FILE}:1:4: Nested mappings are not allowed in compact mappings`);
  });

  it('rejects duplicate keys', () => {
    expect(errorOf('scope: all\nscope: changes\n')).toBe(`${FILE}:2:1: Map keys must be unique`);
  });

  it('rejects unknown tags, merge keys and keys that are not plain strings', () => {
    expect(errorOf('scope: !secret all\n')).toMatch(/^\.github\/devsecops\.yml:1:8: Unresolved tag: !secret/);
    expect(errorOf('base: &b {enabled: false}\nsecrets:\n  <<: *b\n')).toBe(
      `${FILE}:1:1: base: unknown key; allowed keys: version|fail-on-severity|scope|paths|secrets|dependencies|sbom|policy (and 1 more)`,
    );
    expect(errorOf('secrets:\n  <<: {enabled: false}\n')).toMatch(/secrets\["<<"\]: unknown key/);
    expect(errorOf('? [a, b]\n: 1\n')).toBe(`${FILE}:1:3: keys must be plain strings`);
  });

  it('rejects a top level that is not a mapping', () => {
    expect(errorOf('- secrets\n')).toBe(`${FILE}: expected a mapping of settings at the top level, got a list`);
    expect(errorOf('just text\n')).toBe(`${FILE}: expected a mapping of settings at the top level, got string "just text"`);
  });

  it('stops an alias bomb instead of expanding it', () => {
    let text = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    let previous = 'a';
    for (const key of 'bcdefghi') {
      text += `${key}: &${key} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
      previous = key;
    }
    const started = Date.now();
    expect(errorOf(text)).toContain(`at most ${MAX_ALIAS_COUNT} aliases are expanded`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('does not let a __proto__ key change anything', () => {
    expect(errorOf('__proto__: {scope: all}\n')).toMatch(/__proto__: unknown key/);
    expect(({} as Record<string, unknown>).scope).toBeUndefined();
  });
});

describe('loadConfig', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'devsecops-config-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('gives the defaults when the default file is missing', async () => {
    const logger = createRecordingLogger();
    await expect(loadConfig({ root, explicit: false, logger })).resolves.toEqual(defaultConfig());
    expect(logger.lines).toEqual([{ level: 'debug', message: `No config file at ${FILE}; using the defaults.` }]);
  });

  it('fails when a file named explicitly is missing', async () => {
    await expect(loadConfig({ root, file: 'conf/devsecops.yml', explicit: true })).rejects.toThrow(
      new UsageError(`conf/devsecops.yml: config file not found (under ${root})`),
    );
  });

  it('reads the default file when it exists', async () => {
    mkdirSync(path.join(root, '.github'));
    writeFileSync(path.join(root, FILE), 'scope: all\n');
    const config = await loadConfig({ root, explicit: false });
    expect(config.scope).toBe('all');
  });

  it('reports schema errors with the file name as given', async () => {
    mkdirSync(path.join(root, '.github'));
    writeFileSync(path.join(root, FILE), 'secrets:\n  enabled: maybe\n');
    await expect(loadConfig({ root, explicit: false })).rejects.toThrow(
      `${FILE}:2:12: secrets.enabled: expected true or false, got "maybe"`,
    );
  });

  it('refuses a directory where the file should be, even when not named', async () => {
    mkdirSync(path.join(root, FILE), { recursive: true });
    await expect(loadConfig({ root, explicit: false })).rejects.toThrow(`${FILE}: expected a config file, but it is not a regular file`);
  });

  it('refuses a config file larger than 1 MiB', async () => {
    mkdirSync(path.join(root, '.github'));
    writeFileSync(path.join(root, FILE), `# ${'x'.repeat(1024 * 1024)}\n`);
    await expect(loadConfig({ root, explicit: false })).rejects.toThrow(/at most 1048576 are read/);
  });
});
