/**
 * The advisory source named by the `advisories` setting: `osv` (the OSV API,
 * with an optional cache folder), a path ending `.zip` (an OSV export), or
 * any other path (a folder of OSV JSON files). A folder literally named `osv`
 * is written `./osv`.
 */
import { AdvisorySourceError } from './advisory-source.js';
import { RecordCache } from './cache.js';
import { AdvisoryDatabase } from './database.js';
import type { OsvRecord } from './osv-schema.js';
import type { PendingRecord, SourceReadStats } from './pending-record.js';
import { NameFilter } from './record-names.js';
import { loadDirectory } from './source-directory.js';
import { loadFromOsvApi, type OsvApiOptions, type QueryPackage } from './source-osv-api.js';
import { loadZip } from './source-zip.js';

export type AdvisorySourceKind = 'osv-api' | 'zip' | 'directory';

export interface LoadAdvisoriesOptions {
  /** Progress of an OSV API download: records taken so far, of how many. */
  onProgress?: (done: number, total: number) => void;
  /** OSV API settings (base URL, fetch, timeouts) for the `osv` source. */
  api?: Omit<OsvApiOptions, 'cache'>;
  /**
   * Folder kept between runs: the records fetched from the API (`osv`), and
   * the index of a folder or zip source (which records name which package).
   */
  cacheDir?: string;
}

export interface LoadedDatabase {
  kind: AdvisorySourceKind;
  database: AdvisoryDatabase;
  /** Files or records skipped, one line each. */
  warnings: string[];
  /** Records fetched from the OSV API this run (the cache folder changed); 0 for a folder or zip. */
  fetched: number;
  /** For a folder or zip: files in it, read, parsed, and whether the stored index was used or written. */
  read?: SourceReadStats;
}

export function advisorySourceKind(spec: string): AdvisorySourceKind {
  const trimmed = spec.trim();
  if (trimmed === 'osv') return 'osv-api';
  if (trimmed.toLowerCase().endsWith('.zip')) return 'zip';
  return 'directory';
}

/**
 * Loads the advisories for `packages` (`local` ones never count) into an
 * indexed database. The API is asked about these packages only; of a folder
 * or zip, every file is read but only the records naming one of the packages
 * are parsed and kept (so an id held twice is settled among the copies
 * kept), and those the schema refuses are reported here, one line each.
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
  if (kind === 'osv-api') {
    const loaded = await loadFromOsvApi(packages, {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...options.api,
      ...(options.cacheDir ? { cache: new RecordCache(options.cacheDir) } : {}),
    });
    return { kind, database: new AdvisoryDatabase(loaded.records), warnings: loaded.warnings, fetched: loaded.fetched };
  }
  const read = { filter: new NameFilter(packages), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) };
  const loaded = kind === 'zip' ? await loadZip(trimmed, read) : await loadDirectory(trimmed, read);
  const records: Array<OsvRecord | PendingRecord> = loaded.records;
  const database = new AdvisoryDatabase(records);
  const refused = database.prepare(packages);
  return { kind, database, warnings: [...loaded.warnings, ...refused], fetched: 0, read: loaded.stats };
}
