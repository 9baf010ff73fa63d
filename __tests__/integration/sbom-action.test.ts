import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startApiDouble, type ApiDouble } from '../support/api-double.js';
import { validateCycloneDx } from '../support/cyclonedx-schema.js';
import { runBundledAction, type RunActionOptions } from '../support/runner-harness.js';
import { validateSpdx } from '../support/spdx-schema.js';
import { createTempRepo, makeTempDir, removeDir, type TempRepo } from '../support/temp-repo.js';

const ACTION_YML = path.resolve('actions/sbom/action.yml');
const LOCKFILES = path.resolve('__tests__/fixtures/lockfiles');

function loadEvent(name: string): Record<string, any> {
  return JSON.parse(readFileSync(path.resolve('__tests__/fixtures/events', name), 'utf8')) as Record<string, any>;
}

describe('sbom, run as the runner runs it', () => {
  let repo: TempRepo;
  let head: string;
  let double: ApiDouble;

  beforeAll(() => {
    repo = createTempRepo(makeTempDir('sbom-action-'));
    cpSync(path.join(LOCKFILES, 'npm-package-lock-v3', 'package-lock.json'), path.join(repo.dir, 'package-lock.json'));
    cpSync(path.join(LOCKFILES, 'cargo-lock', 'Cargo.lock'), path.join(repo.dir, 'tools', 'Cargo.lock'));
    head = repo.commit('an npm project with a Rust tool');
  });
  afterAll(() => removeDir(path.dirname(repo.dir)));
  beforeEach(async () => {
    double = await startApiDouble();
  });
  afterEach(async () => {
    await double.close();
  });

  function run(overrides: Partial<RunActionOptions> = {}) {
    const payload = loadEvent('push.json');
    Object.assign(payload, { before: '0'.repeat(40), after: head, created: true, forced: false });
    return runBundledAction({
      actionYml: ACTION_YML,
      workspace: repo.dir,
      event: { name: 'push', payload },
      apiUrl: double.url,
      token: double.token,
      sha: head,
      ref: 'refs/heads/main',
      with: { format: 'cyclonedx-json,spdx-json', reproducible: 'true' },
      ...overrides,
    });
  }

  it('writes valid CycloneDX and SPDX documents and names them in the outputs', async () => {
    const result = await run();
    expect(result.exitCode).toBe(0);
    const cdx = JSON.parse(readFileSync(result.outputs['cyclonedx-file']!, 'utf8'));
    const spdx = JSON.parse(readFileSync(result.outputs['spdx-file']!, 'utf8'));
    expect(validateCycloneDx(cdx, '1.6')).toEqual([]);
    expect(validateSpdx(spdx)).toEqual([]);
    expect(result.outputs['files']!.split('\n')).toEqual([result.outputs['cyclonedx-file'], result.outputs['spdx-file']]);
    // Both lockfiles are in, each package once, with the root depending on the direct dependencies.
    const purls = new Set(cdx.components.map((c: any) => c.purl));
    expect(purls.has('pkg:npm/%40actions/core@1.10.1') || [...purls].some((p) => String(p).startsWith('pkg:npm/%40actions/core@'))).toBe(true);
    expect([...purls].some((p) => String(p).startsWith('pkg:cargo/regex@'))).toBe(true);
    expect(Number(result.outputs['components'])).toBe(cdx.components.length);
    expect(cdx.metadata.component.externalReferences).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'vcs', url: 'https://github.com/octo-org/octo-repo' })]));
    expect(spdx.relationships).toEqual(expect.arrayContaining([expect.objectContaining({ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES' })]));
    expect(result.summary).toContain('### Components by ecosystem');
    expect(result.summary).toMatch(/```mermaid\npie title Components by ecosystem/);
  });

  it('gives byte-identical documents on two runs in reproducible mode', async () => {
    const first = await run();
    const second = await run();
    for (const output of ['cyclonedx-file', 'spdx-file']) {
      expect(readFileSync(second.outputs[output]!, 'utf8')).toBe(readFileSync(first.outputs[output]!, 'utf8'));
      expect(first.outputs[output]).not.toBe(second.outputs[output]); // two runner temp folders
    }
    const cdx = JSON.parse(readFileSync(first.outputs['cyclonedx-file']!, 'utf8'));
    expect(cdx.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('submits one dependency snapshot per lockfile with the documented shape', async () => {
    const result = await run();
    expect(result.outputs['snapshots']).toBe('2');
    double.assertNoViolations();
    const bodies = double.state.snapshots.map((s) => s.body as any);
    expect(bodies.map((b) => Object.keys(b.manifests))).toEqual([['package-lock.json'], ['tools/Cargo.lock']]);
    const npm = bodies[0];
    expect(npm.sha).toBe(head);
    expect(npm.ref).toBe('refs/heads/main');
    expect(npm.detector.name).toBe('devsecops');
    const resolved = Object.values(npm.manifests['package-lock.json'].resolved) as any[];
    expect(resolved.every((r) => r.package_url.startsWith('pkg:npm/'))).toBe(true);
    expect(new Set(resolved.map((r) => r.scope))).toEqual(new Set(['runtime', 'development']));
  });

  it('without contents: write, warns and still writes the documents', async () => {
    double.fail('dependency-graph/create-repository-snapshot', { kind: 'forbidden', times: 10 });
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(result.commands.some((c) => c.command === 'warning' && c.message.includes('contents: write'))).toBe(true);
    expect(readFileSync(result.outputs['cyclonedx-file']!, 'utf8')).toContain('"bomFormat": "CycloneDX"');
  });

  it('refuses an unknown format in one line with exit 2', async () => {
    const result = await run({ with: { format: 'cyclonedx-xml' } });
    expect(result.exitCode).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/format.*cyclonedx-xml/);
  });
});
