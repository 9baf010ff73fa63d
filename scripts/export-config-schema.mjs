// Writes schemas/devsecops-config.schema.json from the zod schema in
// src/core/config/schema.ts. Node 20 cannot run TypeScript, so the schema
// module is bundled in memory with esbuild (zod included) and imported from a
// data: URL; nothing is written but the schema file.
//   node scripts/export-config-schema.mjs          write the file
//   node scripts/export-config-schema.mjs --check  exit 1 if the file is stale
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const result = await build({
  absWorkingDir: root,
  entryPoints: [path.join(root, 'src/core/config/json-schema.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
const code = result.outputFiles[0].text;
const { renderConfigJsonSchema, CONFIG_SCHEMA_PATH } = await import(
  `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
);

const target = path.join(root, CONFIG_SCHEMA_PATH);
const fresh = renderConfigJsonSchema();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (current !== fresh) {
    console.error(`${CONFIG_SCHEMA_PATH} is out of date: run "npm run schema" and commit the result.`);
    process.exit(1);
  }
  console.log(`${CONFIG_SCHEMA_PATH} is up to date.`);
} else {
  writeFileSync(target, fresh);
  console.log(`Wrote ${CONFIG_SCHEMA_PATH}.`);
}
