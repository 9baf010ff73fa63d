import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRecordingLogger } from '../../src/core/logger.js';
import {
  loadArtifactClient,
  toArtifactName,
  uploadArtifact,
  type ArtifactUploader,
  type UploadArtifactOptions,
} from '../../src/core/publish/artifact-upload.js';

/** What a runner gives a JavaScript action. */
const RUNNER_ENV = {
  GITHUB_ACTIONS: 'true',
  ACTIONS_RUNTIME_TOKEN: 'runtime-token',
  ACTIONS_RESULTS_URL: 'https://results-receiver.actions.githubusercontent.com/',
  GITHUB_SERVER_URL: 'https://github.com',
};

function fakeClient(answer: (name: string) => Promise<{ id?: number; size?: number; digest?: string }> = async () => ({ id: 99, size: 1234, digest: 'sha256:abc' })) {
  const calls: Array<{ name: string; files: string[]; rootDirectory: string; options: unknown }> = [];
  const client: ArtifactUploader = {
    uploadArtifact(name, files, rootDirectory, options) {
      calls.push({ name, files, rootDirectory, options });
      return answer(name);
    },
  };
  return { client, calls, load: async () => client };
}

function upload(overrides: Partial<UploadArtifactOptions> = {}) {
  const logger = createRecordingLogger();
  const fake = fakeClient();
  const result = uploadArtifact({
    name: 'sbom-build',
    files: ['/runner/_temp/devsecops/sbom/sbom.cdx.json', '/runner/_temp/devsecops/sbom/sbom.spdx.json'],
    rootDirectory: '/runner/_temp/devsecops/sbom',
    logger,
    env: RUNNER_ENV,
    loadClient: fake.load,
    ...overrides,
  });
  return { result, logger, calls: fake.calls };
}
const levels = (logger: ReturnType<typeof createRecordingLogger>, level: string) => logger.lines.filter((l) => l.level === level).map((l) => l.message);

describe('toArtifactName', () => {
  it('joins the parts with dashes', () => {
    expect(toArtifactName('sbom', 'build')).toBe('sbom-build');
  });

  it('replaces every character the artifact service refuses', () => {
    expect(toArtifactName('sbom', 'services/api', 'a:b"c<d>e|f*g?h\\i')).toBe('sbom-services-api-a-b-c-d-e-f-g-h-i');
    expect(toArtifactName('line\r\nbreak')).toBe('line-break');
  });

  it('drops empty parts and the scanned folder `.`, and never returns an empty name', () => {
    expect(toArtifactName('sbom', '', '.', ' build ')).toBe('sbom-build');
    expect(toArtifactName('', '/')).toBe('artifact');
  });

  it('is the same for the same parts, so a re-run uses the same name', () => {
    expect(toArtifactName('sbom', 'matrix (node 20)')).toBe(toArtifactName('sbom', 'matrix (node 20)'));
    expect(toArtifactName('sbom', 'matrix (node 20)')).toBe('sbom-matrix (node 20)');
  });
});

describe('uploadArtifact', () => {
  it('uploads the files under the given root with the repository’s default retention', async () => {
    const { result, logger, calls } = upload();
    expect(await result).toEqual({ status: 'uploaded', name: 'sbom-build', id: 99, size: 1234, digest: 'sha256:abc' });
    expect(calls).toEqual([
      {
        name: 'sbom-build',
        files: ['/runner/_temp/devsecops/sbom/sbom.cdx.json', '/runner/_temp/devsecops/sbom/sbom.spdx.json'],
        rootDirectory: '/runner/_temp/devsecops/sbom',
        options: {},
      },
    ]);
    expect(levels(logger, 'info')).toEqual(['Uploaded 2 files as the workflow artifact "sbom-build" (id 99, 1234 bytes).']);
    expect(levels(logger, 'warning')).toEqual([]);
  });

  it('passes a retention when one is asked for', async () => {
    const { result, calls } = upload({ retentionDays: 7 });
    await result;
    expect(calls[0]!.options).toEqual({ retentionDays: 7 });
  });

  it('makes the name valid before uploading', async () => {
    const { result, calls } = upload({ name: 'sbom/services:api' });
    expect(await result).toMatchObject({ status: 'uploaded', name: 'sbom-services-api' });
    expect(calls[0]!.name).toBe('sbom-services-api');
  });

  it('is skipped outside GitHub Actions without loading the artifact client', async () => {
    let loaded = false;
    const logger = createRecordingLogger();
    const result = await uploadArtifact({
      name: 'sbom',
      files: ['/tmp/sbom.json'],
      rootDirectory: '/tmp',
      logger,
      env: {},
      loadClient: async () => {
        loaded = true;
        return fakeClient().client;
      },
    });
    expect(result).toEqual({ status: 'skipped', name: 'sbom', cause: 'not-in-actions', reason: 'Artifact upload skipped: not running in GitHub Actions.' });
    expect(loaded).toBe(false);
    expect(levels(logger, 'warning')).toEqual([]);
  });

  it('is skipped with the reason when the runtime token is missing (a `run:` step)', async () => {
    const { result, calls, logger } = upload({ env: { GITHUB_ACTIONS: 'true', ACTIONS_RESULTS_URL: RUNNER_ENV.ACTIONS_RESULTS_URL } });
    expect(await result).toMatchObject({ status: 'skipped', cause: 'no-runtime-token' });
    expect(levels(logger, 'info')[0]).toMatch(/the Actions runtime token is not available to this step .* upload the files with actions\/upload-artifact\.$/);
    expect(calls).toEqual([]);
  });

  it('is skipped on GitHub Enterprise Server, which this artifact client does not support', async () => {
    const { result, calls } = upload({ env: { ...RUNNER_ENV, GITHUB_SERVER_URL: 'https://github.example.com' } });
    expect(await result).toMatchObject({ status: 'skipped', cause: 'unsupported-server' });
    expect(calls).toEqual([]);
    const onGheCom = upload({ env: { ...RUNNER_ENV, GITHUB_SERVER_URL: 'https://octo.ghe.com' } });
    expect(await onGheCom.result).toMatchObject({ status: 'uploaded' });
  });

  it('is skipped when there is nothing to upload', async () => {
    const { result, calls } = upload({ files: [] });
    expect(await result).toMatchObject({ status: 'skipped', cause: 'no-files' });
    expect(calls).toEqual([]);
  });

  it('turns a failed upload into one warning, never a throw', async () => {
    const logger = createRecordingLogger();
    const fake = fakeClient(async () => {
      throw new Error('CreateArtifact: response from backend was not ok\nstack details');
    });
    const result = await uploadArtifact({ name: 'sbom', files: ['/tmp/a.json'], rootDirectory: '/tmp', logger, env: RUNNER_ENV, loadClient: fake.load });
    expect(result).toEqual({
      status: 'skipped',
      name: 'sbom',
      cause: 'failed',
      reason: 'Artifact upload of "sbom" failed: CreateArtifact: response from backend was not ok. The files are still on the runner.',
    });
    expect(levels(logger, 'warning')).toEqual([result.status === 'skipped' ? result.reason : '']);
  });

  it('says what to change when another step already used the name', async () => {
    const logger = createRecordingLogger();
    const fake = fakeClient(async () => {
      throw new Error('Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run');
    });
    const result = await uploadArtifact({ name: 'sbom', files: ['/tmp/a.json'], rootDirectory: '/tmp', logger, env: RUNNER_ENV, loadClient: fake.load });
    expect(result).toMatchObject({ status: 'skipped', cause: 'failed' });
    expect(levels(logger, 'warning')).toHaveLength(1);
    expect(levels(logger, 'warning')[0]).toContain('give each step or matrix leg its own artifact name');
  });

  it('turns a client that cannot be loaded into a warning too', async () => {
    const logger = createRecordingLogger();
    const result = await uploadArtifact({
      name: 'sbom',
      files: ['/tmp/a.json'],
      rootDirectory: '/tmp',
      logger,
      env: RUNNER_ENV,
      loadClient: () => Promise.reject(new Error('Cannot find module')),
    });
    expect(result).toMatchObject({ status: 'skipped', cause: 'failed' });
    expect(levels(logger, 'warning')).toEqual(['Artifact upload of "sbom" failed: Cannot find module. The files are still on the runner.']);
  });
});

describe('loading @actions/artifact', () => {
  it('gives a client that can upload', async () => {
    const client = await loadArtifactClient();
    expect(typeof client.uploadArtifact).toBe('function');
  });

  it('happens only through a dynamic import: no source imports the package statically', () => {
    const src = fileURLToPath(new URL('../../src/', import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (full.endsWith('.ts')) {
          const text = readFileSync(full, 'utf8');
          if (/^\s*(import|export)\s[^;]*?from\s+['"]@actions\/artifact['"]/m.test(text) || /require\(\s*['"]@actions\/artifact/.test(text)) {
            offenders.push(path.relative(src, full));
          }
        }
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
    expect(readFileSync(path.join(src, 'core/publish/artifact-upload.ts'), 'utf8')).toContain("await import('@actions/artifact')");
  });
});
