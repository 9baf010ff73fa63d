import type { LockfileFormat } from './types.js';

/**
 * Folders whose lockfiles belong to installed or vendored third-party code,
 * not to the project: their packages are already in the project's own
 * lockfile (or are someone else's), and scanning them would report one
 * package many times from places the developer cannot fix.
 */
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  'vendor',
  '.yarn',
  '.pnpm-store',
  '.git',
  '.venv',
  'venv',
  'site-packages',
  '__pycache__',
  '.tox',
  '.nox',
  '.dart_tool',
  '_build',
  'deps',
]);

const BY_NAME: Record<string, LockfileFormat> = {
  'package-lock.json': 'package-lock.json',
  'npm-shrinkwrap.json': 'npm-shrinkwrap.json',
  'yarn.lock': 'yarn.lock@v1',
  'pnpm-lock.yaml': 'pnpm-lock.yaml',
  'bun.lock': 'bun.lock',
  'poetry.lock': 'poetry.lock',
  'Pipfile.lock': 'Pipfile.lock',
  'uv.lock': 'uv.lock',
  'pdm.lock': 'pdm.lock',
  'go.mod': 'go.mod',
  'Cargo.lock': 'Cargo.lock',
  'Gemfile.lock': 'Gemfile.lock',
  'gems.locked': 'Gemfile.lock',
  'composer.lock': 'composer.lock',
  'pom.xml': 'pom.xml',
  'gradle.lockfile': 'gradle.lockfile',
  'packages.lock.json': 'packages.lock.json',
  'pubspec.lock': 'pubspec.lock',
  'mix.lock': 'mix.lock',
};

/** `requirements.txt`, `requirements-dev.txt`, `dev-requirements.txt`, `requirements/base.txt`. */
const REQUIREMENTS = /(^|\/)([\w.-]*requirements[\w.-]*\.txt|requirements\/[\w.-]+\.txt)$/i;

/** Gradle's older per-configuration lock files: `gradle/dependency-locks/<configuration>.lockfile`. */
const GRADLE_DEPENDENCY_LOCKS = /(^|\/)gradle\/dependency-locks\/[^/]+\.lockfile$/;

/** True when a path runs through a folder of installed or vendored code. */
export function isInSkippedFolder(path: string): boolean {
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) if (SKIPPED_FOLDERS.has(parts[i]!)) return true;
  return false;
}

/** The format a file is, by its path (forward slashes), or undefined when it is not a lockfile. */
export function lockfileFormatOf(path: string): LockfileFormat | undefined {
  if (isInSkippedFolder(path)) return undefined;
  const base = path.slice(path.lastIndexOf('/') + 1);
  return (
    BY_NAME[base] ??
    (REQUIREMENTS.test(path) ? 'requirements.txt' : GRADLE_DEPENDENCY_LOCKS.test(path) ? 'gradle.lockfile' : undefined)
  );
}
