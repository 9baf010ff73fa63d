import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseConfigText } from '../src/core/config/parse-config.js';

const readme = readFileSync(path.resolve('README.md'), 'utf8');
const yamlBlocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

describe('README', () => {
  it('shows a config example that the config schema accepts', () => {
    const examples = yamlBlocks.filter((block) => /^version: 1$/m.test(block));
    expect(examples).toHaveLength(1);
    const config = parseConfigText(examples[0]!, '.github/devsecops.yml');
    expect(config.policy.rules.map((r) => r.id)).toEqual(['no-new-high']);
    expect(config.secrets['fail-on-severity']).toBe('any');
  });

  it('shows config fragments (a top-level section of the config) that the config schema accepts', () => {
    const sections = ['secrets', 'dependencies', 'sbom', 'policy'];
    const fragments = yamlBlocks.filter((block) => !/^version: 1$/m.test(block) && sections.some((s) => block.startsWith(`${s}:`)));
    expect(fragments.length).toBeGreaterThanOrEqual(1);
    for (const fragment of fragments) expect(() => parseConfigText(fragment, 'README.md')).not.toThrow();
    const exclusion = parseConfigText(fragments.find((f) => f.startsWith('dependencies:'))!, 'README.md');
    expect(exclusion.dependencies.exclude.advisories[0]?.expires).toBe('2027-03-31');
  });

  it('shows workflows that are valid YAML asking only for the permissions they use', () => {
    const workflows = yamlBlocks.filter((block) => /^jobs:$/m.test(block)).map((block) => parseYaml(block) as { permissions?: Record<string, string> });
    expect(workflows.length).toBeGreaterThanOrEqual(3);
    for (const workflow of workflows) {
      expect(workflow.permissions).toBeDefined();
      expect(Object.values(workflow.permissions!).every((v) => v === 'read' || v === 'write')).toBe(true);
    }
  });

  it('names the test command that CI runs', () => {
    expect(readme).toContain('npm ci && npm test');
    expect(readFileSync(path.resolve('.ci/run'), 'utf8')).toMatch(/^npm test$/m);
  });
});
