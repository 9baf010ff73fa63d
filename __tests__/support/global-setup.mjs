// Plain JavaScript: jest loads global setup outside its transform pipeline.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundle, listEntryPoints } from '../../scripts/build.mjs';

/** Where test-only entry points are bundled (git-ignored, like all of node_modules). */
const TEST_DIST = path.resolve('node_modules/.cache/devsecops-test-dist');

/**
 * Integration tests run bundles as the runner does, so the bundles must be
 * those of the current sources: rebuild dist/ (deterministic, so a committed
 * up-to-date dist/ does not change) and bundle the test-only entry points.
 */
export default async function globalSetup() {
  // Scanners keep an advisory cache in the user's cache folder by default; tests
  // must not write to (or read from) the machine's. Workers inherit this.
  process.env.DEVSECOPS_CACHE_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'devsecops-test-cache-'));
  // Unit-test runs that never touch a bundle may skip the rebuild (e.g. several runs at once).
  if (process.env.DEVSECOPS_SKIP_BUILD === '1') return;
  await bundle(listEntryPoints(), path.resolve('dist'));
  await bundle({ 'test-action/index': path.resolve('__tests__/support/test-action/main.ts') }, TEST_DIST);
}
