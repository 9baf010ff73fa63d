import type { LockfileFormat, LockfileParser } from '../types.js';

/**
 * Each parser is loaded when a lockfile of its format is found, so an action
 * run on an npm project never loads the TOML, XML or Elixir readers.
 */
const LOADERS: Record<LockfileFormat, () => Promise<LockfileParser>> = {
  'package-lock.json': async () => (await import('./npm-lock.js')).packageLockParser,
  'npm-shrinkwrap.json': async () => (await import('./npm-lock.js')).shrinkwrapParser,
  'yarn.lock@v1': async () => (await import('./yarn-lock.js')).yarnLockParser,
  'yarn.lock@berry': async () => (await import('./yarn-lock.js')).yarnLockParser,
  'pnpm-lock.yaml': async () => (await import('./pnpm-lock.js')).pnpmLockParser,
  'bun.lock': async () => (await import('./bun-lock.js')).bunLockParser,
  'requirements.txt': async () => (await import('./requirements-txt.js')).requirementsTxtParser,
  'poetry.lock': async () => (await import('./poetry-lock.js')).poetryLockParser,
  'Pipfile.lock': async () => (await import('./pipfile-lock.js')).pipfileLockParser,
  'uv.lock': async () => (await import('./uv-lock.js')).uvLockParser,
  'pdm.lock': async () => (await import('./pdm-lock.js')).pdmLockParser,
  'go.mod': async () => (await import('./go-mod.js')).goModParser,
  'Cargo.lock': async () => (await import('./cargo-lock.js')).cargoLockParser,
  'Gemfile.lock': async () => (await import('./gemfile-lock.js')).gemfileLockParser,
  'composer.lock': async () => (await import('./composer-lock.js')).composerLockParser,
  'pom.xml': async () => (await import('./maven-pom.js')).mavenPomParser,
  'gradle.lockfile': async () => (await import('./gradle-lockfile.js')).gradleLockfileParser,
  'packages.lock.json': async () => (await import('./nuget-lock.js')).nugetLockParser,
  'pubspec.lock': async () => (await import('./pubspec-lock.js')).pubspecLockParser,
  'mix.lock': async () => (await import('./mix-lock.js')).mixLockParser,
};

export function loadParser(format: LockfileFormat): Promise<LockfileParser> {
  return LOADERS[format]();
}
