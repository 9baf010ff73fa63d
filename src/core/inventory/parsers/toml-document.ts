/**
 * TOML lockfiles (Cargo.lock, poetry.lock, uv.lock, pdm.lock) and
 * pyproject.toml: reading the document, and finding the line where each
 * `[[package]]` table starts, which smol-toml does not keep.
 */
import { parse, TomlError } from 'smol-toml';
import { LockfileError } from '../types.js';
import { forEachLine } from './line-index.js';

/** Parses TOML text; every failure becomes a one-line LockfileError with the line. */
export function parseTomlDocument(text: string, what: string): Record<string, unknown> {
  try {
    // Keys like `__proto__` are dropped so a hostile file cannot reach object prototypes.
    return parse(text, { unsafeKeyBehaviour: 'drop' }) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split('\n')[0]!.trim();
      throw new LockfileError(`not valid TOML for ${what}: ${reason}`, error.line);
    }
    throw new LockfileError(`not valid TOML for ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** True for a value TOML (or JSON) parsed as a table. */
export function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The 1-based lines of each `[[name]]` header, in order. The n-th header
 * opens the n-th table of the array, because the lockfile writers only ever
 * use the header form for these arrays.
 */
export function findArrayTableLines(text: string, name: string): number[] {
  const lines: number[] = [];
  const header = `[[${name}]]`;
  forEachLine(text, (line, lineNumber) => {
    const trimmed = line.trim();
    if (trimmed.startsWith('[[') && trimmed.replace(/\s+/g, '').split('#')[0] === header) lines.push(lineNumber);
  });
  return lines;
}

/**
 * The document's `[[package]]` tables, unchecked, each with the line of its
 * header (line 1 when the headers and tables do not pair up, which is
 * warned about).
 */
export function readPackageTables(
  text: string,
  document: Record<string, unknown>,
  warnings: string[],
): Array<{ table: unknown; line: number }> {
  const tables = document['package'] ?? [];
  if (!Array.isArray(tables)) throw new LockfileError('`package` must be an array of tables ([[package]])');
  const lines = findArrayTableLines(text, 'package');
  if (lines.length !== tables.length) {
    warnings.push(`found ${lines.length} [[package]] headers for ${tables.length} packages; some lines may be wrong`);
  }
  return tables.map((table: unknown, index) => ({ table, line: lines[index] ?? 1 }));
}
