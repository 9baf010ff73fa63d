// Jest transformer: strips TypeScript with esbuild (already the project's
// bundler) and keeps native ESM, since @actions/core and @actions/github can
// only be imported. Type checking is `npm run typecheck`'s job.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

const esbuildVersion = JSON.parse(readFileSync(new URL('../../node_modules/esbuild/package.json', import.meta.url), 'utf8')).version;

export default {
  canInstrument: false,
  getCacheKey(source, filename) {
    return createHash('sha256').update(esbuildVersion).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
  process(source, filename) {
    const result = transformSync(source, {
      loader: 'ts',
      format: 'esm',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code: result.code };
  },
};
