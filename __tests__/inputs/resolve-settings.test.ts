import { describe, expect, it } from '@jest/globals';
import { parseConfigText } from '../../src/core/config/parse-config.js';
import { commonInputsSchema } from '../../src/core/inputs/common.js';
import { parseActionInputs } from '../../src/core/inputs/parse-inputs.js';
import { resolveCommonSettings, resolveSetting } from '../../src/core/inputs/resolve-settings.js';

describe('resolveSetting', () => {
  it('lets an explicit input win over the config file', () => {
    expect(resolveSetting({ value: 'critical', explicit: true }, 'low', 'medium')).toEqual({ value: 'critical', source: 'input' });
  });

  it('lets the most specific config value win over the action default', () => {
    expect(resolveSetting({ value: 'high', explicit: false }, undefined, 'medium')).toEqual({ value: 'medium', source: 'config' });
    expect(resolveSetting({ value: 'high', explicit: false }, 'low', 'medium')).toEqual({ value: 'low', source: 'config' });
  });

  it('falls back to the action default', () => {
    expect(resolveSetting({ value: 'high', explicit: false }, undefined, undefined)).toEqual({ value: 'high', source: 'default' });
  });

  it('keeps an explicit input even when it equals the default', () => {
    expect(resolveSetting({ value: 'high', explicit: true }, 'low')).toEqual({ value: 'high', source: 'input' });
  });
});

describe('resolveCommonSettings', () => {
  const config = parseConfigText(
    'fail-on-severity: medium\nscope: all\npaths: {ignore: [vendor/**]}\nsecrets:\n  fail-on-severity: low\n  paths: {ignore: [test/**]}\nsbom: {enabled: false}\n',
    '.github/devsecops.yml',
  );
  const schema = commonInputsSchema({ 'fail-on-severity': 'high' });

  it('uses the section, then the top level, when the inputs were left unset', () => {
    const inputs = parseActionInputs(schema, (name) => (name === 'token' ? 't' : ''));
    expect(resolveCommonSettings({ inputs, config, section: 'secrets' })).toEqual({
      enabled: true,
      failOnSeverity: { value: 'low', source: 'config' },
      scope: { value: 'all', source: 'config' },
      ignore: ['vendor/**', 'test/**'],
    });
    expect(resolveCommonSettings({ inputs, config, section: 'dependencies' }).failOnSeverity).toEqual({ value: 'medium', source: 'config' });
    expect(resolveCommonSettings({ inputs, config, section: 'sbom' }).enabled).toBe(false);
  });

  it('uses the inputs the user set over the config file', () => {
    const raw: Record<string, string> = { token: 't', 'fail-on-severity': 'critical', scope: 'changes' };
    const inputs = parseActionInputs(schema, (name) => raw[name] ?? '');
    const settings = resolveCommonSettings({ inputs, config, section: 'secrets' });
    expect(settings.failOnSeverity).toEqual({ value: 'critical', source: 'input' });
    expect(settings.scope).toEqual({ value: 'changes', source: 'input' });
  });

  it('uses the action default when neither sets a value', () => {
    const empty = parseConfigText('', '.github/devsecops.yml');
    const inputs = parseActionInputs(schema, (name) => (name === 'token' ? 't' : ''));
    const settings = resolveCommonSettings({ inputs, config: empty, section: 'policy' });
    expect(settings.failOnSeverity).toEqual({ value: 'high', source: 'default' });
    expect(settings.scope).toEqual({ value: 'auto', source: 'default' });
  });
});
