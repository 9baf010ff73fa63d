/**
 * Python package names as the PyPA specifications compare them. Lockfiles,
 * manifests and requirement lines spell one project differently (`Flask-Caching`,
 * `flask_caching`), so every lookup between them goes through PEP 503.
 */

/** PEP 503 normalization: lower case, each run of `-`, `_` and `.` becomes one `-`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * Words that mark a requirements file, an extra or a dependency group as
 * needed only while developing (tests, linters, docs). Matched as whole words
 * of the label, so `requirements-dev.txt`, `dev-requirements.txt` and
 * `requirements/test.txt` are development and `devtools.txt` is not.
 */
const DEVELOPMENT_WORDS = new Set([
  'dev',
  'devel',
  'develop',
  'development',
  'test',
  'tests',
  'testing',
  'lint',
  'linting',
  'doc',
  'docs',
  'typing',
  'ci',
]);

/** True when one of the words of `label` (split on `-`, `_`, `.`, `/`, spaces) names development work. */
export function isDevelopmentLabel(label: string): boolean {
  return label
    .toLowerCase()
    .split(/[-_./\s]+/)
    .some((word) => DEVELOPMENT_WORDS.has(word));
}
