// The library is CommonJS; its documented subpath entries keep Validation and
// Contrib (and their optional peers: ajv, libxmljs2) out of the bundle.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import { isSupportedSpdxId } from '@cyclonedx/cyclonedx-library/SPDX';
import type { Ecosystem } from '../../core/inventory/types.js';
import { buildComponentGraph, type ComponentEntry, type ComponentGraph } from './components.js';
import { serialNumberFrom } from './cyclonedx-serial.js';
import type { BuiltSbom, SbomContext, SbomInput } from './types.js';

export interface BuildCycloneDxOptions {
  specVersion: '1.6' | '1.5';
  /**
   * Outside reproducible mode: a random string from the caller (e.g.
   * `crypto.randomUUID()`), so the builder itself stays pure. Ignored in
   * reproducible mode, where the serial comes from the content; without it
   * the content is used too.
   */
  serialSeed?: string;
  /** A graph from splitByWorkspace, for one document per workspace; by default the whole repository's. */
  graph?: ComponentGraph;
}

/** Our property namespace (CycloneDX reserves `cdx:` for its own taxonomy). */
const PROPERTY = {
  lockfile: 'devsecops:lockfile',
  ecosystem: 'devsecops:ecosystem',
  workspace: 'devsecops:workspace',
  commit: 'devsecops:commit',
} as const;

const SPECS = { '1.6': Spec.Spec1dot6, '1.5': Spec.Spec1dot5 } as const;

/**
 * CycloneDX's group and name: npm scopes (`@scope`), Maven group ids and
 * Composer vendors are groups, as cyclonedx-npm, the Maven plugin and
 * cyclonedx-php-composer write them; a Go module keeps its whole path as its
 * name, as cyclonedx-gomod does. The purl carries the full identity anyway.
 */
function splitGroup(ecosystem: Ecosystem | undefined, name: string): { group?: string; name: string } {
  const cut = (separator: string) => {
    const at = name.lastIndexOf(separator);
    return at > 0 && at < name.length - 1 ? { group: name.slice(0, at), name: name.slice(at + 1) } : { name };
  };
  switch (ecosystem) {
    case 'npm':
      return name.startsWith('@') ? cut('/') : { name };
    case 'Maven':
      return cut(':');
    case 'Packagist':
      return cut('/');
    default:
      return { name };
  }
}

/**
 * A single licence of the SPDX list is written as `license.id`, which more
 * consumers read than `expression`; anything else valid (`MIT OR Apache-2.0`,
 * `LicenseRef-…`, `WITH` exceptions) as an expression; text that is not an
 * SPDX expression as a named licence (the graph has warned about it).
 */
function licenseOf(entry: ComponentEntry): Models.License | undefined {
  const license = entry.license;
  if (!license) return undefined;
  if ('name' in license) return new Models.NamedLicense(license.name);
  return isSupportedSpdxId(license.expression)
    ? new Models.SpdxLicense(license.expression)
    : new Models.LicenseExpression(license.expression);
}

function supplierOf(entry: ComponentEntry): Models.OrganizationalEntity | undefined {
  if (!entry.supplier) return undefined;
  return new Models.OrganizationalEntity({
    name: entry.supplier.name,
    ...(entry.supplier.url ? { url: new Set([entry.supplier.url]) } : {}),
  });
}

function componentOf(entry: ComponentEntry, type: Enums.ComponentType): Models.Component {
  const { group, name } = splitGroup(entry.ecosystem, entry.name);
  const component = new Models.Component(type, name, {
    bomRef: entry.key,
    ...(group ? { group } : {}),
    ...(entry.version ? { version: entry.version } : {}),
    purl: entry.purl,
  });
  const supplier = supplierOf(entry);
  if (supplier) component.supplier = supplier;
  if (entry.scope) {
    component.scope =
      entry.scope === 'required'
        ? Enums.ComponentScope.Required
        : entry.scope === 'optional'
          ? Enums.ComponentScope.Optional
          : Enums.ComponentScope.Excluded;
  }
  // The inventory already spells algorithms as CycloneDX does and gives lower-case hex.
  for (const hash of entry.hashes) component.hashes.set(hash.algorithm as Enums.HashAlgorithm, hash.hex);
  const license = licenseOf(entry);
  if (license) component.licenses.add(license);
  if (entry.vcsUrl) component.externalReferences.add(new Models.ExternalReference(entry.vcsUrl, Enums.ExternalReferenceType.VCS));
  if (entry.distributionUrl) {
    component.externalReferences.add(new Models.ExternalReference(entry.distributionUrl, Enums.ExternalReferenceType.Distribution));
  }
  if (entry.commit) component.properties.add(new Models.Property(PROPERTY.commit, entry.commit));
  if (entry.ecosystem) component.properties.add(new Models.Property(PROPERTY.ecosystem, entry.ecosystem));
  for (const path of entry.lockfiles) component.properties.add(new Models.Property(PROPERTY.lockfile, path));
  // The repository root is `.`; a workspace document's root says which workspace it is.
  if (entry.workspacePath !== undefined && entry.workspacePath !== '.') {
    component.properties.add(new Models.Property(PROPERTY.workspace, entry.workspacePath));
  }
  return component;
}

function toolComponent(tool: SbomContext['tool']): Models.Component {
  const component = new Models.Component(Enums.ComponentType.Application, tool.name, { version: tool.version });
  if (tool.informationUri) {
    component.externalReferences.add(new Models.ExternalReference(tool.informationUri, Enums.ExternalReferenceType.Website));
  }
  return component;
}

/** `2026-11-23T14:00:00Z`: the context's time at seconds precision, as SPDX writes it too. */
function formatTimestamp(timestamp: string): { date: Date; text: string } {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) throw new Error(`SBOM timestamp ${JSON.stringify(timestamp)} is not an ISO 8601 date-time`);
  return { date, text: date.toISOString().replace(/\.000Z$/, 'Z') };
}

function buildBom(graph: ComponentGraph, context: SbomContext, timestamp: Date): Models.Bom {
  const root = componentOf(graph.root, Enums.ComponentType.Application);
  const rootSupplier = supplierOf(graph.root);
  const metadata = new Models.Metadata({
    timestamp,
    component: root,
    // We read lockfiles from the source tree; nothing is installed or built
    // (CycloneDX: "pre-build … the inventory may need to be resolved and
    // retrieved prior to use"). cdxgen reports build/post-build when it has
    // installed packages, which we never do.
    lifecycles: new Models.LifecycleRepository([Enums.LifecyclePhase.PreBuild]),
    // The NTIA's "author of SBOM data" may be "some third party analysis
    // tool"; this SBOM's data is what the tool read, so the tool is the
    // author, as cdxgen names its own maintainer. The repository's owner
    // supplies the component described.
    authors: new Models.OrganizationalContactRepository([new Models.OrganizationalContact({ name: context.tool.name })]),
    ...(rootSupplier ? { supplier: rootSupplier } : {}),
  });
  metadata.tools.components.add(toolComponent(context.tool));

  const bom = new Models.Bom({ metadata });
  const components = new Map<string, Models.Component>([[graph.root.key, root]]);
  for (const entry of graph.entries) {
    const component = componentOf(entry, entry.purpose === 'application' ? Enums.ComponentType.Application : Enums.ComponentType.Library);
    components.set(entry.key, component);
    bom.components.add(component);
  }
  // The normalizer matches dependencies by BomRef identity, so each edge
  // points at the target component's own BomRef object. Edges come sorted.
  for (const edge of graph.edges) {
    const target = components.get(edge.to);
    if (target) components.get(edge.from)?.dependencies.add(target.bomRef);
  }
  return bom;
}

/**
 * A CycloneDX JSON document (1.6, or 1.5 on request) of the repository: the
 * repository as `metadata.component`, every package a component with its
 * purl, scope, hashes, licence, supplier, download location and the lockfiles
 * it came from, and the complete dependency graph (every component and the
 * root listed in `dependencies`, an empty `dependsOn` when it has none).
 *
 * The library's normalizer makes the JSON; lists are not sorted by it (it
 * sorts with localeCompare, which depends on the runtime's locale) but built
 * in code-unit order by the component graph and kept in insertion order.
 */
export function buildCycloneDx(input: SbomInput, options: BuildCycloneDxOptions): BuiltSbom {
  const { context } = input;
  const graph = options.graph ?? buildComponentGraph(input.inventory, context);
  const { date, text: timestampText } = formatTimestamp(context.timestamp);
  const bom = buildBom(graph, context, date);

  // The normalizer rather than JsonSerializer.serialize: the document still
  // gets the empty `dependsOn` lists and the serial number derived from it,
  // and every bom-ref is unique so the serializer's discriminator (which
  // would invent random refs for duplicates) has nothing to do.
  const factory = new Serialize.JSON.Normalize.Factory(SPECS[options.specVersion]);
  const document = factory.makeForBom().normalize(bom, { sortLists: false }) as unknown as Record<string, unknown> & {
    serialNumber?: string;
    metadata: { timestamp?: string };
    dependencies?: Array<{ ref: string; dependsOn?: string[] }>;
  };
  document.metadata.timestamp = timestampText;
  const dependencies = (document.dependencies ?? []).map(({ ref, dependsOn }) => ({ ref, dependsOn: dependsOn ?? [] }));
  document.dependencies = dependencies;

  document.serialNumber = undefined;
  const withoutSerial = `${JSON.stringify(document, null, 2)}\n`;
  document.serialNumber =
    context.reproducible || options.serialSeed === undefined
      ? serialNumberFrom({ content: withoutSerial })
      : serialNumberFrom({ seed: options.serialSeed });

  return {
    format: 'cyclonedx-json',
    specVersion: options.specVersion,
    text: `${JSON.stringify(document, null, 2)}\n`,
    componentCount: graph.entries.length,
    relationshipCount: dependencies.reduce((sum, dependency) => sum + dependency.dependsOn.length, 0),
    warnings: graph.warnings,
  };
}
