// Real OSV records copied from shared fixtures (see __tests__/fixtures/osv/README.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOsvJson, type OsvRecord } from '../../src/scanners/dependencies/advisories/osv-schema.js';

export const OSV_FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'osv');

export interface IndexRow {
  id: string;
  file: string;
  ecosystem: string;
  packages: string[];
  aliases: string[];
  withdrawn: boolean;
}

export function fixtureIndex(): IndexRow[] {
  return JSON.parse(readFileSync(path.join(OSV_FIXTURES, 'index.json'), 'utf8')) as IndexRow[];
}

export function fixtureText(id: string): string {
  const row = fixtureIndex().find((entry) => entry.id === id);
  if (!row) throw new Error(`no fixture ${id}`);
  return readFileSync(path.join(OSV_FIXTURES, row.file), 'utf8');
}

/** A fixture record as the schema reads it. */
export function fixture(id: string): OsvRecord {
  return parseOsvJson(fixtureText(id), id);
}

/** The raw JSON of a fixture, to mutate. */
export function fixtureJson(id: string): Record<string, any> {
  return JSON.parse(fixtureText(id)) as Record<string, any>;
}

export function allFixtures(): OsvRecord[] {
  return fixtureIndex().map((row) => fixture(row.id));
}
