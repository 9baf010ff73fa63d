import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * The part of @actions/artifact's client this module uses. The package is
 * loaded only when an upload really happens (loadArtifactClient): it brings the
 * Azure storage SDK, which no other step should pay for parsing.
 */
export interface ArtifactUploader {
  uploadArtifact(
    name: string,
    files: string[],
    rootDirectory: string,
    options?: { retentionDays?: number; compressionLevel?: number },
  ): Promise<{ id?: number; size?: number; digest?: string }>;
}

/**
 * Characters the artifact service refuses in a name (@actions/artifact's
 * `validateArtifactName`: NTFS cannot hold them, and the name becomes a file
 * name on download).
 */
const INVALID_NAME_CHARACTERS = /[":<>|*?\r\n\\/]/g;

/**
 * A name the artifact service accepts, made from parts such as the action,
 * the job and the scanned folder: refused characters become `-`, runs of
 * `-` and spaces around them collapse. The same parts give the same name on
 * every run, so a re-run's artifact sits where the first one did.
 */
export function toArtifactName(...parts: string[]): string {
  const name = parts
    .map((part) => part.replace(INVALID_NAME_CHARACTERS, '-').trim())
    .filter((part) => part !== '' && !/^[-.]+$/.test(part))
    .join('-')
    .replace(/\s*-[-\s]*/g, '-')
    .replace(/^[-\s]+|[-\s]+$/g, '');
  return name === '' ? 'artifact' : name;
}

export interface UploadArtifactOptions {
  /** Made valid with toArtifactName. */
  name: string;
  /** Absolute paths, each inside rootDirectory. */
  files: string[];
  /** The folder the files' paths inside the artifact are relative to. */
  rootDirectory: string;
  logger: Logger;
  /** Days to keep it; left out, the repository's default retention applies. */
  retentionDays?: number;
  /** The runner's environment; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Tests hand in a fake; default loadArtifactClient. */
  loadClient?: () => Promise<ArtifactUploader>;
}

export type ArtifactUploadResult =
  | { status: 'uploaded'; name: string; id?: number; size?: number; digest?: string }
  | { status: 'skipped'; name: string; reason: string; cause: 'not-in-actions' | 'no-runtime-token' | 'unsupported-server' | 'no-files' | 'failed' };

/** Loads @actions/artifact's client: a dynamic import, so the bundler gives it a chunk of its own. */
export async function loadArtifactClient(): Promise<ArtifactUploader> {
  const artifact = await import('@actions/artifact');
  return new artifact.DefaultArtifactClient();
}

/**
 * @actions/artifact v2+ talks to the artifact service of github.com and
 * GHE.com only (it throws GHESNotSupportedError elsewhere); its own check,
 * on the host of GITHUB_SERVER_URL.
 */
function isEnterpriseServer(serverUrl: string | undefined): boolean {
  let host: string;
  try {
    host = new URL(serverUrl || 'https://github.com').hostname.toLowerCase();
  } catch {
    return false;
  }
  return host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost');
}

/**
 * Uploads files as one workflow artifact. Outside GitHub Actions, without the
 * runtime token (given to JavaScript actions, not to `run:` steps), on GitHub
 * Enterprise Server or when nothing is to be uploaded, it is skipped with the
 * reason; a failed upload is one warning. It never throws: the files are
 * already on disk and named in the step outputs.
 */
export async function uploadArtifact(options: UploadArtifactOptions): Promise<ArtifactUploadResult> {
  const { logger } = options;
  const env = options.env ?? process.env;
  const name = toArtifactName(options.name);
  const skip = (cause: Extract<ArtifactUploadResult, { status: 'skipped' }>['cause'], reason: string): ArtifactUploadResult => {
    if (cause === 'failed') logger.warning(reason);
    else logger.info(reason);
    return { status: 'skipped', name, cause, reason };
  };

  if (env.GITHUB_ACTIONS !== 'true') {
    return skip('not-in-actions', 'Artifact upload skipped: not running in GitHub Actions.');
  }
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
    return skip(
      'no-runtime-token',
      'Artifact upload skipped: the Actions runtime token is not available to this step (GitHub gives it to actions, not to `run:` ' +
        'steps); upload the files with actions/upload-artifact.',
    );
  }
  if (isEnterpriseServer(env.GITHUB_SERVER_URL)) {
    return skip(
      'unsupported-server',
      'Artifact upload skipped: this artifact client supports github.com and GHE.com only; on GitHub Enterprise Server upload the files with ' +
        'the actions/upload-artifact version your server supports.',
    );
  }
  if (options.files.length === 0) {
    return skip('no-files', 'Artifact upload skipped: there are no files to upload.');
  }

  try {
    const client = await (options.loadClient ?? loadArtifactClient)();
    const response = await client.uploadArtifact(name, [...options.files], options.rootDirectory, {
      ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
    });
    const details = [response.id !== undefined ? `id ${response.id}` : '', response.size !== undefined ? `${response.size} bytes` : '']
      .filter((part) => part !== '')
      .join(', ');
    const count = `${options.files.length} file${options.files.length === 1 ? '' : 's'}`;
    logger.info(`Uploaded ${count} as the workflow artifact "${name}"${details ? ` (${details})` : ''}.`);
    return {
      status: 'uploaded',
      name,
      ...(response.id !== undefined ? { id: response.id } : {}),
      ...(response.size !== undefined ? { size: response.size } : {}),
      ...(response.digest !== undefined ? { digest: response.digest } : {}),
    };
  } catch (error) {
    const message = describeError(error);
    // The service refuses a second artifact of one name in a run: two steps or matrix legs chose the same one.
    const hint = /already exists|conflict|409/i.test(message)
      ? ' Another step of this run uploaded an artifact of that name; give each step or matrix leg its own artifact name.'
      : '';
    return skip('failed', `Artifact upload of "${name}" failed: ${message}.${hint} The files are still on the runner.`);
  }
}
