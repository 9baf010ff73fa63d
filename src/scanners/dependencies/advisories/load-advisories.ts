/**
 * The advisory source named by the `advisories` setting: `osv` (the OSV API,
 * with an optional cache folder), a path ending `.zip` (an OSV export), or
 * any other path (a folder of OSV JSON files). A folder literally named `osv`
 * is written `./osv`.
 */
import { AdvisorySourceError, type LoadedAdvisories } from './advisory-source.js';
import { RecordCache } from './cache.js';
import { AdvisoryDatabase } from './database.js';
import { loadDirectory } from './source-directory.js';
import { loadFromOsvApi, type OsvApiOptions, type QueryPackage } from './source-osv-api.js';
import { loadZip } from './source-zip.js';

export type AdvisorySourceKind = 'osv-api' | 'zip' | 'directory';

export interface LoadAdvisoriesOptions {
  /** OSV API settings (base URL, fetch, timeouts) for the `osv` source. */
  api?: Omit<OsvApiOptions, 'cache'>;
  /** Folder keeping fetched records between runs, for the `osv` source. */
  cacheDir?: string;
}

export interface LoadedDatabase {
  kind: AdvisorySourceKind;
  database: AdvisoryDatabase;
  /** Files or records skipped, one line each. */
  warnings: string[];
  /** Records fetched from the OSV API this run (the cache folder changed); 0 for a folder or zip. */
  fetched: number;
}

export function advisorySourceKind(spec: string): AdvisorySourceKind {
  const trimmed = spec.trim();
  if (trimmed === 'osv') return 'osv-api';
  if (trimmed.toLowerCase().endsWith('.zip')) return 'zip';
  return 'directory';
}

/**
 * Loads the advisories for `packages` (the API is asked about these only,
 * `local` ones never; a folder or zip is loaded whole) into an indexed database.
 * Throws AdvisorySourceError when the source cannot be used at all.
 */
export async function loadAdvisories(
  spec: string,
  packages: readonly QueryPackage[],
  options: LoadAdvisoriesOptions = {},
): Promise<LoadedDatabase> {
  const trimmed = spec.trim();
  if (trimmed === '') throw new AdvisorySourceError('advisory source is empty: use "osv", a folder of OSV JSON files or a .zip');
  const kind = advisorySourceKind(trimmed);
  let loaded: LoadedAdvisories & { fetched?: number };
  if (kind === 'osv-api') {
    loaded = await loadFromOsvApi(packages, {
      ...options.api,
      ...(options.cacheDir ? { cache: new RecordCache(options.cacheDir) } : {}),
    });
  } else if (kind === 'zip') {
    loaded = await loadZip(trimmed);
  } else {
    loaded = await loadDirectory(trimmed);
  }
  return { kind, database: new AdvisoryDatabase(loaded.records), warnings: loaded.warnings, fetched: loaded.fetched ?? 0 };
}
