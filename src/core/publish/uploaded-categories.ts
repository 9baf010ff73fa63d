import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The categories already uploaded in this job, kept in a small JSON file (the
 * caller puts it under RUNNER_TEMP, keyed by job) because each step is its own
 * process. Code scanning keeps one analysis per tool and category per commit:
 * a second upload with the same category replaces the first one's alerts, so
 * two steps of one job must never share a category.
 */
const ledgerSchema = z.object({ categories: z.array(z.string()) });

/** `secrets/` and `secrets` are the same category: the id's part before the last slash. */
export function normalizeCategory(category: string): string {
  return category.replace(/\/+$/, '');
}

export function readUploadedCategories(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed = ledgerSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`${file}: expected {"categories": [string, …]}, the record of SARIF categories uploaded in this job.`);
  }
  return parsed.data.categories;
}

export function recordUploadedCategory(file: string, category: string): void {
  const categories = new Set(readUploadedCategories(file));
  categories.add(normalizeCategory(category));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ categories: [...categories].sort() }, null, 2)}\n`);
}

export function hasUploadedCategory(file: string, category: string): boolean {
  return readUploadedCategories(file).includes(normalizeCategory(category));
}
