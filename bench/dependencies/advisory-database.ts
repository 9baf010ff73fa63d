/**
 * A seeded offline OSV database: a folder of `<Ecosystem>/<ID>.json` records
 * (the layout of an advisory-database clone), made from the real records in
 * __tests__/fixtures/osv/. Each generated record is a real one with its
 * package names, id, aliases and text rewritten, so every shape the fixtures
 * have (ECOSYSTEM, SEMVER and GIT ranges, `versions` lists, several affected
 * entries, CVSS vectors, database_specific, withdrawn records) comes at its
 * real frequency and size. The real records are copied in unchanged.
 *
 * Some npm records name packages of the generated lockfile, with ranges made
 * around the installed version: about a third include it ("planted"), the
 * rest were fixed before it or start after it, as most advisories of an
 * installed package do.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { cratesName, distinctNames, goName, mavenName, npmName, nugetName, packagistName, pypiName, rubyName } from './package-names.js';
import { Rng } from '../secrets/random.js';

type Json = Record<string, unknown>;

interface Template {
  record: Json;
  ecosystem: string;
  withdrawn: boolean;
}

interface AffectedEntry extends Json {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: Array<{ type: string; events: Array<Record<string, string>> }>;
  versions?: string[];
}

export interface GeneratedDatabase {
  records: number;
  copiedReal: number;
  bytes: number;
  byEcosystem: Record<string, number>;
  withdrawn: number;
  /** Records naming a package of the lockfile. */
  aimed: number;
  /** Lockfile packages named by at least one record. */
  aimedNames: number;
  /** Generated record ids that affect an installed name@version (what matching must find). */
  planted: Array<{ id: string; name: string; version: string }>;
}

/** Share of the records per ecosystem, roughly osv.dev's mix for these ecosystems. */
const MIX: ReadonlyArray<readonly [string, number]> = [
  ['npm', 0.42], ['PyPI', 0.14], ['Maven', 0.12], ['Go', 0.1], ['Packagist', 0.08], ['crates.io', 0.05], ['RubyGems', 0.05], ['NuGet', 0.04],
];

const NAMERS: Record<string, (rng: Rng) => string> = {
  npm: npmName, PyPI: pypiName, Maven: mavenName, Go: goName, Packagist: packagistName, 'crates.io': cratesName, RubyGems: rubyName, NuGet: nugetName,
};

const GHSA_ALPHABET = '23456789cfghjmpqrvwx';

function readTemplates(dir: string): { templates: Template[]; files: Array<{ ecosystem: string; file: string; text: string }> } {
  const templates: Template[] = [];
  const files: Array<{ ecosystem: string; file: string; text: string }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const file of readdirSync(path.join(dir, entry.name)).sort()) {
      if (!file.endsWith('.json')) continue;
      const text = readFileSync(path.join(dir, entry.name, file), 'utf8');
      const record = JSON.parse(text) as Json;
      files.push({ ecosystem: entry.name, file, text });
      templates.push({ record, ecosystem: entry.name, withdrawn: record['withdrawn'] !== undefined });
    }
  }
  return { templates, files };
}

/** The events of an aimed entry: about a third include `installed`, the rest were fixed before it or start after it. */
function rangeAround(rng: Rng, installed: string, lastAffectedStyle: boolean): Array<Record<string, string>> {
  const v = semver.parse(installed);
  if (!v) return [{ introduced: '0' }, { fixed: '0.0.1' }];
  const roll = rng.next();
  if (roll < 0.35) {
    const introduced = rng.chance(0.6) ? '0' : `${v.major}.0.0`;
    if (lastAffectedStyle) return [{ introduced }, { last_affected: installed }];
    const fixed = semver.inc(installed, rng.pick(['patch', 'minor', 'major'] as const))!;
    return [{ introduced }, { fixed }];
  }
  if (roll < 0.85) {
    // Fixed at or before the installed version.
    const fixed = rng.chance(0.5) ? installed : v.patch > 0 ? `${v.major}.${v.minor}.${v.patch - 1}` : v.minor > 0 ? `${v.major}.${v.minor - 1}.0` : installed;
    return [{ introduced: '0' }, { fixed }];
  }
  // A range of a later major.
  const introduced = semver.inc(installed, 'major')!;
  return [{ introduced }, { fixed: semver.inc(introduced, 'minor')! }];
}

function purlFor(template: string | undefined, name: string): string | undefined {
  if (!template) return undefined;
  const type = template.slice(0, template.indexOf('/'));
  return `${type}/${name.replace(':', '/')}`;
}

export function writeAdvisoryDatabase(options: {
  outDir: string;
  templatesDir: string;
  records: number;
  /** npm name@version the lockfile installs; some records are made about these. */
  installed: ReadonlyArray<{ name: string; version: string }>;
  seed?: string;
}): GeneratedDatabase {
  const rng = new Rng(options.seed ?? 'devsecops-bench-osv');
  const { templates, files } = readTemplates(options.templatesDir);
  const byEcosystemTemplates = new Map<string, Template[]>();
  for (const t of templates) byEcosystemTemplates.set(t.ecosystem, [...(byEcosystemTemplates.get(t.ecosystem) ?? []), t]);
  // GHSA records have one shape whatever the ecosystem: where the fixtures
  // hold few records of an ecosystem (or none, NuGet), npm's GHSA ones are used too.
  const ghsa = templates.filter((t) => t.ecosystem === 'npm');
  const templatesFor = (ecosystem: string): Template[] => {
    const own = byEcosystemTemplates.get(ecosystem) ?? [];
    return own.length >= 10 ? own : [...own, ...ghsa];
  };

  const byEcosystem: Record<string, number> = {};
  let bytes = 0;
  const write = (ecosystem: string, id: string, text: string) => {
    const folder = path.join(options.outDir, ecosystem);
    if (byEcosystem[ecosystem] === undefined) {
      mkdirSync(folder, { recursive: true });
      byEcosystem[ecosystem] = 0;
    }
    writeFileSync(path.join(folder, `${id}.json`), text);
    byEcosystem[ecosystem] += 1;
    bytes += Buffer.byteLength(text);
  };
  for (const f of files) write(f.ecosystem, f.file.slice(0, -'.json'.length), f.text);

  let withdrawn = files.filter((f) => f.text.includes('"withdrawn"')).length;
  const usedIds = new Set(templates.map((t) => String(t.record['id'])));
  let counter = 0;
  const newId = (like: string): string => {
    for (;;) {
      counter += 1;
      const year = 2017 + (counter % 9);
      let id: string;
      if (like.startsWith('GHSA-')) id = `GHSA-${rng.string(GHSA_ALPHABET, 4)}-${rng.string(GHSA_ALPHABET, 4)}-${rng.string(GHSA_ALPHABET, 4)}`;
      else if (like.startsWith('CVE-')) id = `CVE-${year}-${900000 + counter}`;
      else {
        const prefix = /^[A-Z]+(?:-[A-Z]+)*-/.exec(like)?.[0] ?? 'BENCH-';
        id = `${prefix}${year}-${100000 + counter}`;
      }
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  // A record's other packages (lodash-es beside lodash) get fresh names that
  // the lockfile does not install, so only aimed records can match it.
  const installedNames = new Set(options.installed.map((p) => p.name));
  const otherName = (ecosystem: string): string => {
    const make = NAMERS[ecosystem] ?? npmName;
    for (;;) {
      const name = make(rng);
      if (ecosystem !== 'npm' || !installedNames.has(name)) return name;
    }
  };

  /** A copy of `template` about `mainName`, with new ids and aliases; `aim` rewrites its ranges around installed versions. */
  const derive = (template: Template, ecosystem: string, mainName: string, aim?: { installed: string[] }) => {
    const record = structuredClone(template.record);
    const id = newId(String(record['id']));
    record['id'] = id;
    for (const key of ['aliases', 'related'] as const) {
      const list = record[key];
      if (Array.isArray(list)) record[key] = list.map((alias) => newId(String(alias)));
    }
    const renamed = new Map<string, string>();
    const affected = (record['affected'] ?? []) as AffectedEntry[];
    const templateMain = affected.find((a) => a.package)?.package?.name;
    const hits: string[] = [];
    for (const entry of affected) {
      if (!entry.package) continue;
      const oldName = entry.package.name;
      const sameEcosystem = entry.package.ecosystem === template.ecosystem;
      let name = renamed.get(oldName);
      if (!name) {
        name = oldName === templateMain ? mainName : otherName(sameEcosystem ? ecosystem : entry.package.ecosystem);
        renamed.set(oldName, name);
      }
      const purl = purlFor(entry.package.purl, name);
      entry.package = { ...entry.package, ...(sameEcosystem ? { ecosystem } : {}), name, ...(purl ? { purl } : {}) };
      if (aim && name === mainName) {
        const ranges = (entry.ranges ?? []).filter((r) => r.type !== 'GIT');
        const type = ranges[0]?.type ?? 'ECOSYSTEM';
        const lastAffectedStyle = ranges.some((r) => r.events.some((e) => e['last_affected'] !== undefined));
        const target = rng.pick(aim.installed);
        const events = rangeAround(rng, target, lastAffectedStyle);
        entry.ranges = [{ type, events }];
        entry.versions = [];
        // A package may have several entries (semver has three): affected by any of them.
        for (const v of aim.installed) if (inRange(v, events) && !hits.includes(v)) hits.push(v);
      }
    }
    for (const key of ['summary', 'details'] as const) {
      const text = record[key];
      if (typeof text === 'string' && templateMain && templateMain.length >= 3) record[key] = text.split(templateMain).join(mainName);
    }
    if (template.withdrawn) withdrawn += 1;
    return { id, text: JSON.stringify(record, null, 2), hits };
  };

  // Records about the lockfile's packages: a third of its names, 1-4 records
  // each, and a few much-advised packages with dozens.
  const installedByName = new Map<string, string[]>();
  for (const { name, version } of options.installed) {
    const list = installedByName.get(name) ?? [];
    if (!list.includes(version)) list.push(version);
    installedByName.set(name, list);
  }
  const planted: GeneratedDatabase['planted'] = [];
  const aimable = ghsa.filter((t) => !t.withdrawn);
  let generated = 0;
  let aimed = 0;
  let aimedNames = 0;
  for (const [name, versions] of installedByName) {
    if (generated >= options.records || !rng.chance(0.33)) continue;
    aimedNames += 1;
    const count = rng.chance(0.01) ? rng.int(20, 60) : rng.int(1, 4);
    for (let k = 0; k < count && generated < options.records; k++) {
      const { id, text, hits } = derive(rng.pick(aimable), 'npm', name, { installed: versions });
      write('npm', id, text);
      for (const version of hits) planted.push({ id, name, version });
      generated += 1;
      aimed += 1;
    }
  }

  // The rest: packages nobody here installs, across ecosystems, 1-5 records a name.
  const remaining = options.records - generated;
  for (const [ecosystem, share] of MIX) {
    const want = ecosystem === MIX.at(-1)![0] ? options.records - generated : Math.round(remaining * share);
    const pool = templatesFor(ecosystem);
    const taken = ecosystem === 'npm' ? installedNames : new Set<string>();
    const names = distinctNames(rng, Math.ceil(want / 2), NAMERS[ecosystem]!, taken);
    let n = 0;
    for (const name of names) {
      const perName = rng.chance(0.5) ? 1 : rng.int(2, 5);
      for (let k = 0; k < perName && n < want; k++, n++) {
        const template = rng.pick(pool);
        const { id, text } = derive(template, ecosystem, name);
        write(ecosystem, id, text);
      }
      if (n >= want) break;
    }
    // Name pools of small ecosystems run out: top up with new names.
    while (n < want) {
      const { id, text } = derive(rng.pick(pool), ecosystem, `${otherName(ecosystem)}-${n}`);
      write(ecosystem, id, text);
      n += 1;
    }
    generated += n;
  }

  return {
    records: generated,
    copiedReal: files.length,
    bytes,
    byEcosystem,
    withdrawn,
    aimed,
    aimedNames,
    planted,
  };
}

/** Whether `version` is inside one ECOSYSTEM/SEMVER event list (introduced/fixed/last_affected pairs). */
function inRange(version: string, events: Array<Record<string, string>>): boolean {
  let affected = false;
  for (const event of events) {
    if (event['introduced'] !== undefined) {
      if (event['introduced'] === '0' || semver.gte(version, event['introduced'])) affected = true;
    } else if (event['fixed'] !== undefined) {
      if (semver.gte(version, event['fixed'])) affected = false;
    } else if (event['last_affected'] !== undefined) {
      if (semver.gt(version, event['last_affected'])) affected = false;
    }
  }
  return affected;
}
