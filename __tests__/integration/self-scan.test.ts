import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startApiDouble, type ApiDouble } from '../support/api-double.js';
import { runBundledAction } from '../support/runner-harness.js';
import { makeTempDir, removeDir, runGitSync } from '../support/temp-repo.js';

/**
 * The project scans itself with its own bundled all-in-one action, as a push to
 * main would, and must pass its own gate (.github/devsecops.yml): no secret
 * outside the allowlisted test data, every bundled dependency's licence on the
 * allow-list (or excepted, with an owner and an expiry). The dependency audit
 * is left out: it needs the OSV API, which tests never reach.
 */
describe('the repository, scanned by its own all-in-one action', () => {
  let clone: string;
  let double: ApiDouble;

  beforeAll(() => {
    // A clone of the committed tree: what CI checks out, without this machine's untracked files.
    const parent = makeTempDir('self-scan-');
    clone = path.join(parent, 'repo');
    runGitSync(parent, ['clone', '-q', '--no-hardlinks', path.resolve('.'), clone]);
  });
  afterAll(() => removeDir(path.dirname(clone)));
  beforeEach(async () => {
    double = await startApiDouble();
  });
  afterEach(async () => {
    await double.close();
  });

  it('passes its own policy gate', async () => {
    const sha = runGitSync(clone, ['rev-parse', 'HEAD']).trim();
    const payload = JSON.parse(readFileSync(path.resolve('__tests__/fixtures/events/push.json'), 'utf8')) as Record<string, any>;
    payload['after'] = sha;
    const result = await runBundledAction({
      // The action of the working tree (its dist/), run on the clone as the workspace.
      actionYml: path.resolve('action.yml'),
      workspace: clone,
      event: { name: 'push', payload },
      apiUrl: double.url,
      token: double.token,
      sha,
      ref: 'refs/heads/main',
      with: { scanners: 'secrets,sbom', scope: 'all', 'upload-sarif': 'false', 'upload-artifact': 'false' },
      env: { SOURCE_DATE_EPOCH: '1767225600' },
      timeoutMs: 240_000,
    });
    expect(result.commands.filter((c) => c.command === 'error').map((c) => c.message)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs['result']).toBe('pass');
    const evidence = JSON.parse(readFileSync(result.outputs['evidence-file']!, 'utf8')) as Record<string, any>;
    expect(evidence['licenses'].counts.denied).toBe(0);
    expect(evidence['licenses'].counts.unknown).toBe(evidence['licenses'].counts.excepted);
    expect(evidence['counts'].fail).toBe(0);
  }, 300_000);
});
