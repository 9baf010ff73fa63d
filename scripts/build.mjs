// Bundles every action entry point and the CLI into dist/ in one esbuild pass, so
// the core lands in shared chunks instead of one copy per action.
import { build } from 'esbuild';
import { chmodSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Some CommonJS dependencies of the toolkit call require() on Node built-ins;
// an ESM bundle has no require, so each output file gets one made for it.
const BANNER = [
  '#!/usr/bin/env node',
  "import { createRequire as __devsecopsCreateRequire } from 'node:module';",
  'const require = __devsecopsCreateRequire(import.meta.url);',
].join('\n');

/**
 * zod re-exports every message locale as a namespace (`z.locales`), which no
 * bundler can tree-shake: about 290 KiB that every action would parse at start.
 * The suite only ever uses English, which zod imports directly, so the
 * namespace is cut down to it.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * @actions/core imports its OIDC client at the top, and with it the HTTP client
 * and undici (about 550 KiB) that only `getIDToken` needs; and its `platform`
 * helper, with @actions/exec, that only `platform.getDetails()` needs (but
 * @actions/cache pulls exec into a chunk every action would then load).
 * Marking those modules free of side effects lets the bundler drop them when
 * nothing uses them, so an action parses neither before its first real work.
 */
const actionsCoreWithoutOidc = {
  name: 'actions-core-without-oidc',
  setup(b) {
    b.onResolve({ filter: /^\.\/(oidc-utils|platform)\.js$/ }, (args) =>
      /[\\/]@actions[\\/]core[\\/]/.test(args.importer)
        ? { path: path.join(args.resolveDir, args.path), sideEffects: false }
        : undefined,
    );
  },
};

/**
 * The entry points: src/actions/<name>/main.ts -> dist/<name>/index.js,
 * src/cli/main.ts -> dist/cli/index.js, src/workers/<name>.ts -> dist/workers/<name>.js.
 */
export function listEntryPoints() {
  const entries = { 'cli/index': path.join(root, 'src/cli/main.ts') };
  // Worker-thread scripts: dist/workers/<name>.js, found at run time next to the
  // chunks (every bundle and chunk sits one folder below dist/).
  const workersDir = path.join(root, 'src/workers');
  if (existsSync(workersDir)) {
    for (const file of readdirSync(workersDir).sort()) {
      if (file.endsWith('.ts')) entries[`workers/${file.slice(0, -3)}`] = path.join(workersDir, file);
    }
  }
  const actionsDir = path.join(root, 'src/actions');
  if (existsSync(actionsDir)) {
    for (const name of readdirSync(actionsDir).sort()) {
      const main = path.join(actionsDir, name, 'main.ts');
      if (existsSync(main)) entries[`${name}/index`] = main;
    }
  }
  return entries;
}

/**
 * Bundles the given entry points (name -> source file) into outdir as ESM with shared chunks.
 * Used by `npm run build` and by the test setup for test-only entry points.
 */
export async function bundle(entryPoints, outdir) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: BANNER },
    chunkNames: 'chunks/[name]-[hash]',
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
    plugins: [zodEnglishOnly, actionsCoreWithoutOidc],
    // jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow; its ESM build bundles cleanly.
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    // @cyclonedx/cyclonedx-library's serializers require() its optional XML
    // writer inside a try/catch; we write JSON only, so it is never installed.
    external: ['xmlbuilder2'],
  });
  for (const name of Object.keys(entryPoints)) {
    chmodSync(path.join(outdir, `${name}.js`), 0o755);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // No top-level await: jest's global setup loads this file with require().
  bundle(listEntryPoints(), path.join(root, 'dist')).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
