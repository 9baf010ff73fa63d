/**
 * Path-based checks. Both apply to `low`-confidence rules only: a vendor-format
 * key committed in a test file can still be live.
 */

/** Lockfiles hold digests and resolved URLs, never hand-written credentials. */
const LOCKFILE_NAMES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'deno.lock',
  'composer.lock',
  'gemfile.lock',
  'podfile.lock',
  'cartfile.resolved',
  'package.resolved',
  'brewfile.lock.json',
  'poetry.lock',
  'pipfile.lock',
  'pdm.lock',
  'uv.lock',
  'cargo.lock',
  'go.sum',
  'go.work.sum',
  'gradle.lockfile',
  'packages.lock.json',
  'paket.lock',
  'mix.lock',
  'pubspec.lock',
  'flake.lock',
  'conan.lock',
  '.terraform.lock.hcl',
]);

function baseName(path: string): string {
  const normalised = path.replace(/\\/g, '/');
  return normalised.slice(normalised.lastIndexOf('/') + 1).toLowerCase();
}

/** True when `path` names a dependency lockfile (package-lock.json, yarn.lock, go.sum, …). */
export function isLockfilePath(path: string): boolean {
  return LOCKFILE_NAMES.has(baseName(path));
}

const TEST_DIRECTORY = /(?:^|\/)(?:tests?|__tests__|__mocks__|__fixtures__|spec|specs|fixtures?|testdata|test-data|test_data|testing|mocks?|stubs?|e2e|cypress|playwright)\//i;
const TEST_FILE = /(?:\.(?:test|spec|fixture|mock|stories)\.[A-Za-z0-9]{1,8}$|_test\.(?:go|py|rb|exs?|dart)$|^test_[^/]{1,200}\.py$|_spec\.rb$|(?:Test|Tests|IT|Spec)\.(?:java|kt|scala|cs|groovy)$|^conftest\.py$)/;

/**
 * True when `path` is a test, fixture or mock: under test/, tests/, __tests__/,
 * spec/, fixtures/, testdata/, mocks/, …, or named *.test.*, *.spec.*,
 * *_test.go, test_*.py, *_spec.rb, *Test.java.
 */
export function isTestFixturePath(path: string): boolean {
  const normalised = path.replace(/\\/g, '/');
  if (TEST_DIRECTORY.test(normalised)) return true;
  return TEST_FILE.test(baseName(path)) || TEST_FILE.test(normalised.slice(normalised.lastIndexOf('/') + 1));
}

const CODE_EXTENSIONS = new Set([
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'py', 'go', 'java', 'kt', 'kts', 'scala', 'groovy',
  'rb', 'php', 'cs', 'fs', 'vb', 'swift', 'rs', 'c', 'h', 'cc', 'cpp', 'hpp', 'm', 'dart', 'lua', 'pl', 'r',
  'ex', 'exs', 'clj', 'vue', 'svelte',
]);

/** True when `path` is source code, where an unquoted right-hand side is an expression, not a literal. */
export function isSourceCodePath(path: string): boolean {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 && CODE_EXTENSIONS.has(name.slice(dot + 1));
}
