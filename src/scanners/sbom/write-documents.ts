import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import type { GeneratedDocument } from './generate.js';

/**
 * Where the documents go: `output` names a file when one document is asked
 * for and it does not name an existing folder; otherwise it is a folder and
 * each document gets its standard name (sbom.cdx.json, sbom.spdx.json).
 * Returns the absolute path of each document, in the order given.
 */
export function writeDocuments(documents: readonly GeneratedDocument[], output: string, what: string): string[] {
  let isFolder = documents.length > 1;
  try {
    if (statSync(output).isDirectory()) isFolder = true;
  } catch {
    // Not there yet: decided by the number of documents (and a trailing slash).
  }
  if (output.endsWith('/') || output.endsWith(path.sep)) isFolder = true;
  const files = documents.map((document) => (isFolder ? path.join(output, document.fileName) : output));
  try {
    for (const [index, document] of documents.entries()) {
      mkdirSync(path.dirname(files[index]!), { recursive: true });
      writeFileSync(files[index]!, document.built.text);
    }
  } catch (error) {
    throw new UsageError(`${what} ${output}: cannot write there (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  return files;
}
