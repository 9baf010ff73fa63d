/**
 * A zip of OSV JSON records, such as the per-ecosystem `<ecosystem>/all.zip`
 * exports of osv.dev (records at the top level) or a zipped database clone
 * (records at any depth).
 */
import { readFile } from 'node:fs/promises';
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { AdvisorySourceError, describeError, type LoadedAdvisories } from './advisory-source.js';
import { parseOsvJson } from './osv-schema.js';

/**
 * Entries inflated per pass. unzipSync holds a pass's output in memory at
 * once; an ecosystem export unpacks to gigabytes, so it is read in slices.
 */
const ENTRIES_PER_PASS = 5_000;
/** No single OSV record comes near this (the largest, Linux kernel CVEs, are a few MB); bigger is refused, not inflated. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
/** Stored and deflated: the methods fflate inflates. */
const SUPPORTED_METHODS = new Set([0, 8]);

function isRecordEntry(info: UnzipFileInfo): boolean {
  return !info.name.endsWith('/') && info.name.toLowerCase().endsWith('.json');
}

/** Reads the OSV records of a zip held in memory; `label` names it in messages. */
export function readZipRecords(data: Uint8Array, label: string, entriesPerPass = ENTRIES_PER_PASS): LoadedAdvisories {
  const warnings: string[] = [];
  const names: string[] = [];
  try {
    // A first pass over the central directory only: the filter inflates nothing.
    unzipSync(data, {
      filter: (info) => {
        if (!isRecordEntry(info)) return false;
        if (!SUPPORTED_METHODS.has(info.compression)) {
          warnings.push(`${label}: ${info.name}: skipped: compression method ${info.compression} is not supported`);
        } else if (info.originalSize > MAX_ENTRY_BYTES) {
          warnings.push(`${label}: ${info.name}: skipped: ${info.originalSize} bytes unpacked is over the ${MAX_ENTRY_BYTES}-byte limit`);
        } else {
          names.push(info.name);
        }
        return false;
      },
    });
  } catch (error) {
    throw new AdvisorySourceError(`${label} is not a readable zip: ${describeError(error)}`);
  }

  const records: LoadedAdvisories['records'] = [];
  const decoder = new TextDecoder('utf-8');
  names.sort();
  const step = Math.max(1, entriesPerPass);
  for (let start = 0; start < names.length; start += step) {
    const wanted = new Set(names.slice(start, start + step));
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(data, { filter: (info) => wanted.has(info.name) });
    } catch (error) {
      throw new AdvisorySourceError(`${label} is not a readable zip: ${describeError(error)}`);
    }
    for (const name of [...wanted].sort()) {
      const content = files[name];
      if (!content) continue;
      try {
        records.push(parseOsvJson(decoder.decode(content), `${label}: ${name}`));
      } catch (error) {
        warnings.push(describeError(error));
      }
    }
  }
  return { records, warnings };
}

export async function loadZip(file: string): Promise<LoadedAdvisories> {
  let data: Uint8Array;
  try {
    data = await readFile(file);
  } catch (error) {
    throw new AdvisorySourceError(
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `advisory zip ${file} does not exist (use "osv" for the OSV API, or a path relative to the repository root)`
        : `advisory zip ${file} cannot be read: ${describeError(error)}`,
    );
  }
  return readZipRecords(data, file);
}
