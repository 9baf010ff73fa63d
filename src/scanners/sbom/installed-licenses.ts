import { z } from 'zod';
import type { FileTree } from '../../core/inventory/file-tree.js';
import type { Inventory, InventoryLockfile, InventoryPackage } from '../../core/inventory/inventory.js';
import type { Logger } from '../../core/logger.js';
import { normalizeLicense } from './licenses.js';

/**
 * Licences from installed package metadata, for packages whose lockfile does
 * not record one (most formats never do): `node_modules/<name>/package.json`
 * for JavaScript lockfiles and `*.dist-info/METADATA` in a project's
 * virtualenv for Python ones. Everything is read through the FileTree, so a
 * link leaving the workspace is not followed, and the work is bounded.
 */

/** A package.json or METADATA bigger than this is not metadata worth reading. */
export const MAX_METADATA_BYTES = 1024 * 1024;

/** At most this many files are read per run (a large node_modules tree has a few thousand packages). */
export const DEFAULT_MAX_METADATA_READS = 10_000;

export interface InstalledLicenseOptions {
  tree: FileTree;
  inventory: Inventory;
  /** Where the tree's root is inside the repository (`''` at the root): lockfile paths are repository-relative. */
  pathPrefix?: string;
  maxReads?: number;
  logger?: Logger;
}

const JS_FORMATS = new Set<InventoryLockfile['format']>([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock@v1',
  'yarn.lock@berry',
  'pnpm-lock.yaml',
  'bun.lock',
]);
const PYTHON_FORMATS = new Set<InventoryLockfile['format']>(['requirements.txt', 'poetry.lock', 'Pipfile.lock', 'uv.lock', 'pdm.lock']);

/** The virtualenv folders tools create beside a project (`python -m venv .venv`, uv, poetry's in-project mode). */
const VIRTUALENV_FOLDERS = ['.venv', 'venv'];

const licenseField = z.union([z.string(), z.object({ type: z.string() }).transform((value) => value.type)]);
const packageJsonSchema = z.object({
  name: z.string().optional().catch(undefined),
  version: z.string().optional().catch(undefined),
  license: licenseField.optional().catch(undefined),
  // Before SPDX expressions npm documented `licenses: [{ type, url }]`; several entries meant a choice (dual licensing).
  licenses: z.array(licenseField).optional().catch(undefined),
});

class BoundedReader {
  reads = 0;
  exhausted = false;
  constructor(
    private readonly tree: FileTree,
    private readonly maxReads: number,
  ) {}

  read(path: string): string | undefined {
    if (this.reads >= this.maxReads) {
      this.exhausted = true;
      return undefined;
    }
    this.reads += 1;
    // Anything bigger is not metadata: the tree does not even read it.
    return this.tree.read(path, MAX_METADATA_BYTES);
  }
}

/**
 * Raw licence strings by purl, for packages without a licence in their
 * lockfile, from what is installed in the workspace. Only metadata whose
 * version matches the locked version counts (a stale install says nothing
 * about the locked package). The builders validate the strings.
 */
export function readInstalledLicenses(options: InstalledLicenseOptions): Map<string, string> {
  const reader = new BoundedReader(options.tree, options.maxReads ?? DEFAULT_MAX_METADATA_READS);
  const prefix = options.pathPrefix ? `${options.pathPrefix.replace(/\/+$/, '')}/` : '';
  const found = new Map<string, string>();
  for (const lockfile of options.inventory.lockfiles) {
    if (prefix !== '' && !lockfile.path.startsWith(prefix)) continue;
    const relative = lockfile.path.slice(prefix.length);
    const folder = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/') + 1) : '';
    const wanted = lockfile.packages.filter((pkg) => pkg.license === undefined && pkg.version !== '' && !found.has(pkg.purl));
    if (wanted.length === 0) continue;
    if (JS_FORMATS.has(lockfile.format)) readNodeModules(reader, lockfile, folder, wanted, found);
    else if (PYTHON_FORMATS.has(lockfile.format)) readVirtualenv(reader, folder, wanted, found);
    if (reader.exhausted) {
      options.logger?.debug(`installed licences: stopped after ${reader.reads} files`);
      break;
    }
  }
  return found;
}

function readNodeModules(
  reader: BoundedReader,
  lockfile: InventoryLockfile,
  folder: string,
  packages: InventoryPackage[],
  found: Map<string, string>,
): void {
  const npmPaths = lockfile.format === 'package-lock.json' || lockfile.format === 'npm-shrinkwrap.json';
  for (const pkg of packages) {
    if (found.has(pkg.purl)) continue;
    // npm's ids are the install paths (`node_modules/a/node_modules/b`, or a workspace folder);
    // other managers hoist to `node_modules/<name>`, pnpm keeps every version in its store.
    const candidates = npmPaths
      ? [`${folder}${pkg.id}/package.json`]
      : [
          `${folder}node_modules/${pkg.name}/package.json`,
          ...(lockfile.format === 'pnpm-lock.yaml'
            ? [`${folder}node_modules/.pnpm/${pkg.name.replace('/', '+')}@${pkg.version}/node_modules/${pkg.name}/package.json`]
            : []),
        ];
    for (const path of candidates) {
      const license = licenseFromPackageJson(reader.read(path), pkg);
      if (license) {
        found.set(pkg.purl, license);
        break;
      }
    }
    if (reader.exhausted) return;
  }
}

function licenseFromPackageJson(text: string | undefined, pkg: InventoryPackage): string | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = packageJsonSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const manifest = parsed.data;
  // An npm alias installs `bar` under `node_modules/foo`: the version tells whether this is the locked package.
  if (manifest.version !== undefined && manifest.version !== pkg.version) return undefined;
  if (manifest.license !== undefined && manifest.license.trim() !== '') return manifest.license.trim();
  const names = (manifest.licenses ?? []).map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) return undefined;
  return names.length === 1 ? names[0] : names.map((name) => (/\s/.test(name) ? `(${name})` : name)).join(' OR ');
}

function readVirtualenv(reader: BoundedReader, folder: string, packages: InventoryPackage[], found: Map<string, string>): void {
  for (const venv of VIRTUALENV_FOLDERS) {
    const sitePackages = sitePackagesOf(reader.read(`${folder}${venv}/pyvenv.cfg`), `${folder}${venv}`);
    if (!sitePackages) continue;
    for (const pkg of packages) {
      if (found.has(pkg.purl)) continue;
      // Installers name the folder after the distribution with runs of `-_.` as `_`; newer wheels also lower-case it.
      const escaped = pkg.name.replace(/[-_.]+/g, '_');
      const names = [...new Set([escaped, escaped.toLowerCase()])];
      for (const name of names) {
        const license = licenseFromMetadata(reader.read(`${sitePackages}/${name}-${pkg.version}.dist-info/METADATA`), pkg);
        if (license) {
          found.set(pkg.purl, license);
          break;
        }
      }
      if (reader.exhausted) return;
    }
  }
}

/** `lib/python3.12/site-packages` from pyvenv.cfg's `version` (venv) or `version_info` (virtualenv, uv). */
function sitePackagesOf(config: string | undefined, venv: string): string | undefined {
  if (config === undefined) return undefined;
  const version = /^\s*version(?:_info)?\s*=\s*(\d+)\.(\d+)/m.exec(config);
  if (!version) return `${venv}/Lib/site-packages`;
  return `${venv}/lib/python${version[1]}.${version[2]}/site-packages`;
}

function normalizePythonName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/**
 * Core metadata (RFC 822 style headers up to the first blank line):
 * `License-Expression` (PEP 639) is an SPDX expression; older `License`
 * is free text (often a whole licence: a folded header) and `Classifier:
 * License :: …` names one licence each. The first that gives a valid
 * expression wins; else the first present, so its warning names it.
 */
function licenseFromMetadata(text: string | undefined, pkg: InventoryPackage): string | undefined {
  if (text === undefined) return undefined;
  const headerEnd = text.search(/\r?\n\r?\n/);
  const lines = (headerEnd === -1 ? text : text.slice(0, headerEnd)).split(/\r?\n/);
  const headers: Array<{ key: string; value: string; folded: boolean }> = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1]!.folded = true;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) headers.push({ key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim(), folded: false });
  }
  const header = (key: string) => headers.find((h) => h.key === key);
  const name = header('name')?.value;
  const version = header('version')?.value;
  if (name !== undefined && normalizePythonName(name) !== normalizePythonName(pkg.name)) return undefined;
  if (version !== undefined && version.toLowerCase() !== pkg.version.toLowerCase()) return undefined;

  const candidates: string[] = [];
  const expression = header('license-expression')?.value;
  if (expression) candidates.push(expression);
  const license = header('license');
  if (license && !license.folded && license.value !== '' && license.value.toUpperCase() !== 'UNKNOWN') candidates.push(license.value);
  const classifiers = headers
    .filter((h) => h.key === 'classifier' && h.value.startsWith('License ::'))
    .map((h) => h.value.split('::').map((part) => part.trim()))
    // `License :: OSI Approved` alone names no licence.
    .filter((parts) => parts.length > 2 || (parts.length === 2 && parts[1] !== 'OSI Approved'))
    .map((parts) => parts[parts.length - 1]!);
  // Several licence classifiers are, in practice, the licences a user may choose from.
  if (classifiers.length > 0) candidates.push(classifiers.join(' OR '));
  return candidates.find((candidate) => normalizeLicense(candidate).expression !== undefined) ?? candidates[0];
}
