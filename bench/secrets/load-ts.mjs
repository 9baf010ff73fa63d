// Node 20 cannot run TypeScript: bundle a TypeScript module in memory with
// esbuild and import it from a data: URL (as scripts/export-config-schema.mjs does).
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Imports `file` (a path relative to the repository root) after bundling it. */
export async function importTs(file) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, file)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}
