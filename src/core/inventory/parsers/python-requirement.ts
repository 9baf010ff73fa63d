/**
 * Reads one PEP 508 requirement (`name[extra] >=1,<2 ; marker`, `name @ url`)
 * as requirements files, pdm.lock and pyproject.toml write them. Only what the
 * inventory needs is kept: the name, the version clauses and whether it points
 * at a URL instead of an index.
 */

export interface VersionClause {
  operator: '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';
  version: string;
}

export interface Pep508Requirement {
  name: string;
  extras: string[];
  clauses: VersionClause[];
  /** The direct reference after `@` (a URL or a path), when there is one. */
  url?: string;
  marker?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*/;
const CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*(\S+)$/;
// `===` compares strings, so anything without spaces, commas or `;` is a version there.
const VERSION = /^[A-Za-z0-9_.*+!-]+$/;

/** Parses a requirement; undefined when the text is not one (it is then reported by the caller). */
export function parsePep508(text: string): Pep508Requirement | undefined {
  const source = text.trim();
  const nameMatch = NAME.exec(source);
  if (nameMatch === null) return undefined;
  const name = nameMatch[0];
  // PEP 508 names end in a letter or digit; `foo-` is a typo, not a name.
  if (/[._-]$/.test(name)) return undefined;

  let rest = source.slice(name.length).trimStart();
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return undefined;
    extras = rest
      .slice(1, close)
      .split(',')
      .map((extra) => extra.trim())
      .filter((extra) => extra !== '');
    rest = rest.slice(close + 1).trimStart();
  }

  if (rest.startsWith('@')) {
    // A marker after a URL needs whitespace before `;` (PEP 508), since URLs may hold `;`.
    const body = rest.slice(1).trim();
    const markerAt = body.search(/\s;/);
    const url = (markerAt === -1 ? body : body.slice(0, markerAt)).trim();
    if (url === '') return undefined;
    const marker = markerAt === -1 ? undefined : body.slice(markerAt + 2).trim();
    return { name, extras, clauses: [], url, ...(marker ? { marker } : {}) };
  }

  const semicolon = rest.indexOf(';');
  let specifier = (semicolon === -1 ? rest : rest.slice(0, semicolon)).trim();
  const marker = semicolon === -1 ? undefined : rest.slice(semicolon + 1).trim();
  // The old `name (>=1.0)` spelling is still accepted by pip.
  if (specifier.startsWith('(') && specifier.endsWith(')')) specifier = specifier.slice(1, -1).trim();

  const clauses: VersionClause[] = [];
  if (specifier !== '') {
    for (const part of specifier.split(',')) {
      const clause = CLAUSE.exec(part.trim());
      if (clause === null) return undefined;
      const operator = clause[1] as VersionClause['operator'];
      const version = clause[2]!;
      if (operator !== '===' && !VERSION.test(version)) return undefined;
      clauses.push({ operator, version });
    }
  }
  return { name, extras, clauses, ...(marker ? { marker } : {}) };
}

/**
 * The one version a requirement allows (`==1.2.3` or `===1.2.3`), or undefined
 * when it allows a range (`>=`, `~=`, `==1.*`): only an exact pin says what is installed.
 */
export function exactVersion(clauses: readonly VersionClause[]): string | undefined {
  for (const { operator, version } of clauses) {
    if (operator === '===') return version;
    if (operator === '==' && !version.endsWith('.*')) return version;
  }
  return undefined;
}
