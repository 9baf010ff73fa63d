/**
 * A folder of OSV JSON files, at any depth: a clone of an advisory database
 * (`<Ecosystem>/<ID>.json`, github/advisory-database's
 * `advisories/github-reviewed/YYYY/MM/<ID>/<ID>.json`) or an unpacked export.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AdvisorySourceError, describeError, type LoadedAdvisories } from './advisory-source.js';
import { parseOsvJson } from './osv-schema.js';

/** Files read at once: enough to hide disk latency without exhausting file handles. */
const READ_CONCURRENCY = 32;

/**
 * The `.json` files under `root`, sorted. Hidden folders (`.git`, `.github`)
 * are skipped: they hold no records, and a database clone's `.git` is large.
 * Symbolic links are not followed, so a link cycle cannot loop the walk.
 */
async function findJsonFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const pending = [root];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) files.push(full);
    }
  }
  return files.sort();
}

/** Loads every OSV record under `root`; a malformed file costs one warning line, the rest still load. */
export async function loadDirectory(root: string): Promise<LoadedAdvisories> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(root)).isDirectory();
  } catch (error) {
    throw new AdvisorySourceError(
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `advisory folder ${root} does not exist (use "osv" for the OSV API, or a path relative to the repository root)`
        : `advisory folder ${root} cannot be read: ${describeError(error)}`,
    );
  }
  if (!isFolder) throw new AdvisorySourceError(`advisory source ${root} is not a folder`);

  let files: string[];
  try {
    files = await findJsonFiles(root);
  } catch (error) {
    throw new AdvisorySourceError(`advisory folder ${root} cannot be listed: ${describeError(error)}`);
  }

  const records: LoadedAdvisories['records'] = [];
  const warnings: string[] = [];
  for (let start = 0; start < files.length; start += READ_CONCURRENCY) {
    const batch = files.slice(start, start + READ_CONCURRENCY);
    const results = await Promise.all(
      batch.map(async (file) => {
        const label = path.relative(root, file).split(path.sep).join('/');
        try {
          return { record: parseOsvJson(await readFile(file, 'utf8'), label) };
        } catch (error) {
          const message = describeError(error);
          return { warning: message.startsWith(label) ? message : `${label}: ${message}` };
        }
      }),
    );
    for (const result of results) {
      if (result.record) records.push(result.record);
      if (result.warning) warnings.push(result.warning);
    }
  }
  return { records, warnings };
}
