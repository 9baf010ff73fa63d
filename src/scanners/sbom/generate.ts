import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { SbomFormat } from '../../core/config/sections/sbom.js';
import { workingTree } from '../../core/inventory/file-tree.js';
import { buildInventory, type Inventory } from '../../core/inventory/inventory.js';
import type { InventoryCache } from '../../core/inventory/inventory-cache.js';
import type { Logger } from '../../core/logger.js';
import { TOOL_NAME, VERSION, INFORMATION_URI } from '../../core/version.js';
import { buildCycloneDx } from './cyclonedx.js';
import { readInstalledLicenses } from './installed-licenses.js';
import { normalizeLicense } from './licenses.js';
import { buildComponentGraph, splitByWorkspace, type ComponentGraph } from './components.js';
import { buildSpdx } from './spdx.js';
import { describeSubject, documentTimestamp, folderName } from './subject.js';
import type { BuiltSbom, SbomContext } from './types.js';

export interface GenerateSbomOptions {
  /** Absolute path of what to describe (the `path` input), inside the repository. */
  root: string;
  repoRoot: string;
  ignore: readonly string[];
  formats: readonly SbomFormat[];
  cyclonedxVersion: '1.6' | '1.5';
  /** One document per workspace of a monorepo (and one for the root project) instead of one for the repository. */
  perWorkspace?: boolean;
  reproducible: boolean;
  /** SOURCE_DATE_EPOCH from the environment, when set (it also makes the run reproducible). */
  sourceDateEpoch: string | undefined;
  repository: { url?: string; commit?: string; name?: string };
  logger: Logger;
  now?: Date;
  /** Shares the inventory with dependency-audit in the same run. */
  inventoryCache?: InventoryCache;
}

/** One document, with the file name it gets in an output folder. */
export interface GeneratedDocument {
  built: BuiltSbom;
  fileName: string;
}

export interface GeneratedSboms {
  inventory: Inventory;
  documents: GeneratedDocument[];
  /** The licence of each distinct package (purl → SPDX expression or undefined), for the summary. */
  licenses: Map<string, string | undefined>;
  /** What could not be read or resolved, one line each. */
  notes: string[];
  reproducible: boolean;
  timestamp: string;
}

/** A workspace folder as a file-name prefix: `packages/web` → `packages-web`, `.` → `root`. */
export function workspaceSlug(workspace: string): string {
  const slug = workspace.replace(/^\.\/?/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return slug === '' ? 'root' : slug;
}

export const FILE_NAMES: Record<SbomFormat, string> = {
  'cyclonedx-json': 'sbom.cdx.json',
  'spdx-json': 'sbom.spdx.json',
};

/**
 * Builds the inventory of every lockfile under the root and writes it as the
 * documents asked for. Nothing is written to disk here: the CLI and the
 * action decide where the documents go.
 */
export async function generateSboms(options: GenerateSbomOptions): Promise<GeneratedSboms> {
  const { logger } = options;
  const pathPrefix = path.relative(options.repoRoot, options.root).split(path.sep).join('/');
  const tree = workingTree(options.root);
  const inventory = options.inventoryCache
    ? await options.inventoryCache.workingTree({ root: options.root, pathPrefix, ignore: options.ignore, logger })
    : await buildInventory({ tree, pathPrefix, ignore: options.ignore, logger });
  const notes: string[] = [];
  for (const error of inventory.errors) notes.push(`${error.line ? `${error.path}:${error.line}` : error.path}: ${error.message} (its packages are missing from the documents)`);

  const reproducible = options.reproducible || (options.sourceDateEpoch !== undefined && options.sourceDateEpoch !== '');
  const timestamp = await documentTimestamp({
    reproducible,
    sourceDateEpoch: options.sourceDateEpoch,
    repoRoot: options.repoRoot,
    commit: options.repository.commit,
    now: options.now ?? new Date(),
  });
  const extraLicenses = readInstalledLicenses({ tree, inventory, pathPrefix, logger });
  const context: SbomContext = {
    subject: describeSubject(inventory, options.repository.name ?? folderName(options.repoRoot), options.repository),
    tool: { name: TOOL_NAME, version: VERSION, informationUri: INFORMATION_URI },
    timestamp,
    reproducible,
    extraLicenses,
  };

  const documents: GeneratedDocument[] = [];
  // Outside reproducible mode the serial number is random, as the CycloneDX and SPDX specs intend.
  const seed = reproducible ? undefined : randomUUID();
  const input = { inventory, context };
  const graphs: Array<{ graph?: ComponentGraph; prefix: string }> = options.perWorkspace
    ? splitByWorkspace(buildComponentGraph(inventory, context)).map(({ workspace, graph }) => ({ graph, prefix: `${workspaceSlug(workspace)}.` }))
    : [{ prefix: '' }];
  for (const { graph, prefix } of graphs) {
    for (const format of options.formats) {
      const built =
        format === 'cyclonedx-json'
          ? buildCycloneDx(input, { specVersion: options.cyclonedxVersion, ...(seed ? { serialSeed: seed } : {}), ...(graph ? { graph } : {}) })
          : buildSpdx(input, { ...(seed ? { documentNamespaceSeed: seed } : {}), ...(graph ? { graph } : {}) });
      documents.push({ built, fileName: `${prefix}${FILE_NAMES[format]}` });
    }
  }
  for (const document of documents) for (const warning of document.built.warnings) if (!notes.includes(warning)) notes.push(warning);

  const licenses = new Map<string, string | undefined>();
  for (const lockfile of inventory.lockfiles) {
    for (const pkg of lockfile.packages) {
      if (pkg.local) continue;
      const raw = pkg.license ?? extraLicenses.get(pkg.purl);
      const known = licenses.get(pkg.purl);
      if (known === undefined) licenses.set(pkg.purl, raw === undefined ? undefined : normalizeLicense(raw).expression);
    }
  }
  return { inventory, documents, licenses, notes, reproducible, timestamp };
}
