import { createHash } from 'node:crypto';
import type { PackageHash } from '../../core/inventory/types.js';
import { buildComponentGraph, type ComponentEntry, type ComponentGraph } from './components.js';
import { assignSpdxIds } from './spdx-ids.js';
import { SpdxLicenseCollector, type ExtractedLicensingInfo } from './spdx-licenses.js';
import { downloadUrlOf, NOASSERTION, repositoryLocationOf, vcsLocationOf } from './spdx-locations.js';
import type { BuiltSbom, SbomInput } from './types.js';

export interface BuildSpdxOptions {
  /**
   * Outside reproducible mode: a random string from the caller (e.g.
   * `crypto.randomUUID()`), from which the document namespace's UUID is
   * made, so the builder itself stays pure. Ignored in reproducible mode,
   * where the UUID comes from the content; without it the content is used too.
   */
  documentNamespaceSeed?: string;
  /** A graph from splitByWorkspace, for one document per workspace; by default the whole repository's. */
  graph?: ComponentGraph;
}

interface SpdxChecksum {
  algorithm: string;
  checksumValue: string;
}

interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  supplier: string;
  downloadLocation: string;
  filesAnalyzed: false;
  checksums?: SpdxChecksum[];
  licenseConcluded: string;
  licenseDeclared: string;
  copyrightText: string;
  comment?: string;
  externalRefs: Array<{ referenceCategory: 'PACKAGE-MANAGER'; referenceType: 'purl'; referenceLocator: string }>;
  primaryPackagePurpose: 'APPLICATION' | 'LIBRARY';
}

interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'DEPENDS_ON' | 'DEV_DEPENDENCY_OF' | 'CONTAINS';
  relatedSpdxElement: string;
  comment?: string;
}

interface SpdxDocument {
  spdxVersion: 'SPDX-2.3';
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[]; comment: string };
  packages: SpdxPackage[];
  hasExtractedLicensingInfos?: ExtractedLicensingInfo[];
  relationships: SpdxRelationship[];
}

const DOCUMENT_ID = 'SPDXRef-DOCUMENT';

/** The inventory spells algorithms as CycloneDX does; SPDX 2.3 §7.10 without the dash. */
const CHECKSUM_ALGORITHM: Record<PackageHash['algorithm'], string> = {
  MD5: 'MD5',
  'SHA-1': 'SHA1',
  'SHA-256': 'SHA256',
  'SHA-384': 'SHA384',
  'SHA-512': 'SHA512',
};

/** Lockfiles named in a package's comment before "and N more". */
const MAX_LOCKFILES_IN_COMMENT = 5;

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `2026-11-23T14:00:00Z`: SPDX 2.3 §6.9 wants UTC at seconds precision. */
function formatTimestamp(timestamp: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) throw new Error(`SBOM timestamp ${JSON.stringify(timestamp)} is not an ISO 8601 date-time`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A name inside `Organization: <name>` / `Tool: <name>`: one line, no parentheses (they would read as an e-mail). */
function agentName(name: string): string {
  return name.replace(/[\s()]+/g, ' ').trim();
}

function supplierOf(entry: ComponentEntry): string {
  const name = entry.supplier ? agentName(entry.supplier.name) : '';
  return name === '' ? NOASSERTION : `Organization: ${name}`;
}

/**
 * The UUID of the document namespace, RFC 4122 layout from the first 16
 * bytes of a SHA-256: of the document itself in reproducible mode (version
 * nibble 5, name-based), of the caller's random seed otherwise (4, random).
 */
function namespaceUuid(source: { content: string } | { seed: string }): string {
  const digest = createHash('sha256')
    .update('content' in source ? `spdx-content\0${source.content}` : `spdx-seed\0${source.seed}`, 'utf8')
    .digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | ('content' in source ? 0x50 : 0x40);
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * SPDX 2.3 §6.5: `http://[CreatorWebsite]/[pathToSpdx]/[DocumentName]-[UUID]`,
 * unique per document, not necessarily resolvable. Under the repository's
 * URL when there is one (its owner made the document), else under
 * spdx.org/spdxdocs as the specification's examples do.
 */
function documentNamespace(graph: ComponentGraph, uuid: string): string {
  const repository = downloadUrlOf(graph.root.vcsUrl)?.replace(/\/+$/, '');
  const name = graph.root.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'sbom';
  return `${repository ? `${repository}/spdx` : 'https://spdx.org/spdxdocs'}/${name}-${uuid}`;
}

function describeLockfiles(lockfiles: readonly string[]): string {
  const listed = lockfiles.slice(0, MAX_LOCKFILES_IN_COMMENT).join(', ');
  const more = lockfiles.length > MAX_LOCKFILES_IN_COMMENT ? ` and ${lockfiles.length - MAX_LOCKFILES_IN_COMMENT} more` : '';
  return `${listed}${more}`;
}

/** What SPDX has no field for: where the package was found and how it is needed. */
function commentOf(entry: ComponentEntry, graph: ComponentGraph): string {
  if (entry.kind === 'root') {
    const where = entry.workspacePath && entry.workspacePath !== '.' ? `The workspace ${entry.workspacePath} of the repository` : 'The repository';
    const url = entry.vcsUrl ? ` ${downloadUrlOf(entry.vcsUrl) ?? ''}`.trimEnd() : '';
    return `${where}${url}${entry.commit ? ` at commit ${entry.commit}` : ''}, described from its lockfiles.`;
  }
  const parts: string[] = [];
  if (entry.kind === 'workspace') {
    parts.push(`Part of this repository${entry.workspacePath ? ` at ${entry.workspacePath}` : ''}.`);
  }
  if (entry.lockfiles.length > 0) parts.push(`Declared in ${describeLockfiles(entry.lockfiles)}.`);
  if (entry.scope === 'excluded') parts.push(`Needed only for development (not shipped with ${graph.root.name}).`);
  else if (entry.scope === 'optional') parts.push('Optional (or a peer dependency).');
  return parts.join(' ');
}

function downloadLocationOf(entry: ComponentEntry, graph: ComponentGraph): string {
  if (entry.kind === 'root' || entry.kind === 'workspace') {
    return repositoryLocationOf(graph.root.vcsUrl, graph.root.commit, entry.workspacePath) ?? NOASSERTION;
  }
  return downloadUrlOf(entry.distributionUrl) ?? vcsLocationOf(entry.vcsUrl) ?? NOASSERTION;
}

function packageOf(entry: ComponentEntry, id: string, graph: ComponentGraph, licenses: SpdxLicenseCollector): SpdxPackage {
  const comment = commentOf(entry, graph);
  const checksums = entry.hashes
    .map((hash) => ({ algorithm: CHECKSUM_ALGORITHM[hash.algorithm], checksumValue: hash.hex.toLowerCase() }))
    .sort((a, b) => byCodeUnit(a.algorithm, b.algorithm));
  return {
    SPDXID: id,
    name: entry.name,
    ...(entry.version ? { versionInfo: entry.version } : {}),
    supplier: supplierOf(entry),
    downloadLocation: downloadLocationOf(entry, graph),
    // Nothing is unpacked: the packages are described from lockfiles, not from their files.
    filesAnalyzed: false,
    ...(checksums.length > 0 ? { checksums } : {}),
    // Concluding a licence takes a review of the package's files, which no lockfile reader does.
    licenseConcluded: NOASSERTION,
    licenseDeclared: licenses.declared(entry.license, entry.version ? `${entry.name}@${entry.version}` : entry.name),
    copyrightText: NOASSERTION,
    ...(comment ? { comment } : {}),
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: entry.purl }],
    primaryPackagePurpose: entry.kind === 'root' || entry.purpose === 'application' ? 'APPLICATION' : 'LIBRARY',
  };
}

/** The keys the root reaches along the graph's edges. */
function reachableKeys(graph: ComponentGraph): Set<string> {
  const next = new Map<string, string[]>();
  for (const edge of graph.edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const seen = new Set([graph.root.key]);
  const queue = [graph.root.key];
  for (let i = 0; i < queue.length; i++) {
    for (const key of next.get(queue[i]!) ?? []) {
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(key);
      }
    }
  }
  return seen;
}

/**
 * Direct development dependencies are `DEV_DEPENDENCY_OF` with SPDX's
 * direction (the dependency is the subject); every other edge, runtime,
 * optional and peer ones and those between packages (a lockfile does not say
 * how a package uses its own dependencies), is `DEPENDS_ON`.
 *
 * A package the lockfile lists but nothing in it is recorded as depending on
 * (go.mod's indirect requirements, pubspec's transitive packages, a stale
 * entry) would float free in SPDX, where only relationships tie a package to
 * what the document describes (CycloneDX's component list does that by
 * itself); the repository CONTAINS it, as syft writes every package it
 * finds, with a comment saying why.
 */
function relationshipsOf(graph: ComponentGraph, ids: ReadonlyMap<string, string>): SpdxRelationship[] {
  const edges: SpdxRelationship[] = [];
  for (const edge of graph.edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (from === undefined || to === undefined) continue;
    edges.push(
      edge.scope === 'development'
        ? { spdxElementId: to, relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: from }
        : { spdxElementId: from, relationshipType: 'DEPENDS_ON', relatedSpdxElement: to },
    );
  }
  const rootId = ids.get(graph.root.key)!;
  const reached = reachableKeys(graph);
  for (const entry of graph.entries) {
    if (reached.has(entry.key)) continue;
    edges.push({
      spdxElementId: rootId,
      relationshipType: 'CONTAINS',
      relatedSpdxElement: ids.get(entry.key)!,
      comment: `Listed in ${describeLockfiles(entry.lockfiles)}, which records nothing here that depends on it.`,
    });
  }
  edges.sort(
    (a, b) =>
      byCodeUnit(a.spdxElementId, b.spdxElementId) ||
      byCodeUnit(a.relatedSpdxElement, b.relatedSpdxElement) ||
      byCodeUnit(a.relationshipType, b.relationshipType),
  );
  return [{ spdxElementId: DOCUMENT_ID, relationshipType: 'DESCRIBES', relatedSpdxElement: rootId }, ...edges];
}

/**
 * An SPDX 2.3 JSON document of the repository: the repository as the package
 * the document DESCRIBES, every package with its purl, supplier, download
 * location, checksums, declared licence and the lockfiles it came from, and
 * the complete dependency graph as relationships.
 *
 * NTIA minimum elements: supplier (see components.ts: the registry that
 * distributes a package, the repository owner for the repository's own
 * code, else NOASSERTION), name, version, unique identifiers (SPDXID and
 * purl), relationships, the author of the SBOM data (creators: the tool, and
 * the repository's owner who runs it) and the timestamp.
 */
export function buildSpdx(input: SbomInput, options: BuildSpdxOptions = {}): BuiltSbom {
  const { context } = input;
  const graph = options.graph ?? buildComponentGraph(input.inventory, context);
  const warnings = [...graph.warnings];

  const all = [graph.root, ...graph.entries];
  const ids = assignSpdxIds(all.map((entry) => entry.key));
  const licenses = new SpdxLicenseCollector();
  const packages = all.map((entry) => packageOf(entry, ids.get(entry.key)!, graph, licenses));
  const extracted = licenses.infos();

  const creators = [`Tool: ${agentName(`${context.tool.name}-${context.tool.version}`)}`];
  const owner = graph.root.supplier ? agentName(graph.root.supplier.name) : '';
  if (owner !== '') creators.push(`Organization: ${owner}`);
  else warnings.push('SPDX: no repository owner is known, so the document names only the tool as its creator');

  const lockfiles = [...new Set(graph.entries.flatMap((entry) => entry.lockfiles))].sort(byCodeUnit);
  const document: SpdxDocument = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: DOCUMENT_ID,
    // A commit standing in for a version is in the root package already; the name stays readable.
    name: graph.root.version && graph.root.version !== graph.root.commit ? `${graph.root.name}@${graph.root.version}` : graph.root.name,
    documentNamespace: '',
    creationInfo: {
      created: formatTimestamp(context.timestamp),
      creators,
      comment:
        lockfiles.length > 0
          ? `Built from the lockfiles ${describeLockfiles(lockfiles)}; packages are described from them, not unpacked.`
          : 'No lockfile was found: the document describes the repository alone.',
    },
    packages,
    ...(extracted.length > 0 ? { hasExtractedLicensingInfos: extracted } : {}),
    relationships: relationshipsOf(graph, ids),
  };

  const withoutNamespace = `${JSON.stringify(document, null, 2)}\n`;
  const seed = options.documentNamespaceSeed;
  document.documentNamespace = documentNamespace(
    graph,
    context.reproducible || seed === undefined ? namespaceUuid({ content: withoutNamespace }) : namespaceUuid({ seed }),
  );

  return {
    format: 'spdx-json',
    specVersion: 'SPDX-2.3',
    text: `${JSON.stringify(document, null, 2)}\n`,
    componentCount: graph.entries.length,
    relationshipCount: document.relationships.length,
    warnings,
  };
}
