/**
 * The packages an SBOM lists and the licence each states, for the policy
 * gate's licence lists. Reads the JSON that our sbom action, syft, cdxgen,
 * cyclonedx-npm and Trivy write: CycloneDX 1.2–1.6 and SPDX 2.2/2.3.
 *
 * - The subject of the SBOM (CycloneDX `metadata.component`, the packages an
 *   SPDX document DESCRIBES) is the project itself, not a dependency of it.
 * - Entries that are not packages are left out: an `operating-system` or a
 *   `file` (syft and Trivy list the distro and files beside the packages), and
 *   an `application` with neither version nor purl (Trivy writes one per
 *   lockfile: a place, not a package), and the project's own workspaces,
 *   which this suite's sbom action marks with a `devsecops:workspace`
 *   property (a monorepo's packages are the project, not its dependencies).
 * - Several licences on one component each apply, so they are joined with
 *   AND: the conservative reading for an allow-list and a deny-list alike.
 * - Only what is read is validated. An entry that cannot be identified is
 *   skipped; one whose licences cannot be read is kept with no licence, which
 *   the checker calls unknown (skipping it would let it pass unchecked). Either
 *   way the document gets one warning line per kind of problem, not per entry.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { PackageURL } from 'packageurl-js';
import { z } from 'zod';
import { UsageError, describeError } from '../../core/errors.js';
import { ecosystemNamed } from './package-spec.js';
import type { SbomPackage } from './policy-result.js';

/**
 * Largest SBOM file read, in bytes. A container image's syft SBOM is tens of
 * megabytes; a bigger file would cost gigabytes as parsed JSON (and V8 cannot
 * hold a string much over 512 MiB).
 */
export const MAX_SBOM_INPUT_BYTES = 256 * 1024 * 1024;

export interface SbomLicenses {
  format: 'cyclonedx' | 'spdx';
  /** `1.6` for CycloneDX, `2.3` for SPDX (without the `SPDX-` prefix). */
  specVersion: string;
  /** In document order, each package once. */
  packages: SbomPackage[];
  /** One line each, naming the source. */
  warnings: string[];
}

const READ_FORMATS = 'CycloneDX JSON (1.2–1.6) or SPDX JSON (2.2, 2.3)';
const CYCLONEDX_VERSIONS: readonly string[] = ['1.2', '1.3', '1.4', '1.5', '1.6'];
const SPDX_VERSIONS: readonly string[] = ['2.2', '2.3'];

const optionalText = z.string().nullish();

const cycloneDxSchema = z.looseObject({
  bomFormat: z.literal('CycloneDX'),
  specVersion: z.string(),
  // Read only to recognise the subject if a tool repeats it among the components.
  metadata: z
    .looseObject({ component: z.looseObject({ 'bom-ref': optionalText }).nullish() })
    .nullish()
    .catch(undefined),
  components: z.array(z.unknown()).nullish(),
});

const componentSchema = z.looseObject({
  type: optionalText,
  scope: optionalText,
  name: z.string(),
  group: optionalText,
  version: optionalText,
  purl: optionalText,
  'bom-ref': optionalText,
});

const licenseChoiceSchema = z
  .looseObject({
    expression: optionalText,
    license: z.looseObject({ id: optionalText, name: optionalText }).nullish(),
  })
  .refine((choice) => licenseOfChoice(choice) !== undefined, 'names no licence (expected "expression", "license.id" or "license.name")');

const componentLicensesSchema = z.looseObject({ licenses: z.array(licenseChoiceSchema).nullish() });

const spdxSchema = z.looseObject({
  spdxVersion: z.string(),
  SPDXID: optionalText,
  documentDescribes: z.array(z.unknown()).nullish(),
  packages: z.array(z.unknown()).nullish(),
  relationships: z.array(z.unknown()).nullish(),
});

const spdxPackageSchema = z.looseObject({
  name: z.string(),
  SPDXID: optionalText,
  versionInfo: optionalText,
  primaryPackagePurpose: optionalText,
  externalRefs: z.array(z.unknown()).nullish(),
});

const spdxLicensesSchema = z.looseObject({ licenseConcluded: optionalText, licenseDeclared: optionalText });
const relationshipSchema = z.looseObject({ spdxElementId: z.string(), relationshipType: z.string(), relatedSpdxElement: z.string() });
const externalRefSchema = z.looseObject({ referenceType: z.string(), referenceLocator: z.string() });

/** Reads an SBOM's packages and licences; throws UsageError, naming `source`, for anything but CycloneDX or SPDX 2 JSON. */
export function readSbomLicenses(text: string, source: string): SbomLicenses {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    throw new UsageError(`${source}: ${describeUnreadable(body, error)}; the policy gate reads ${READ_FORMATS}`);
  }
  if (isRecord(document)) {
    if (Object.hasOwn(document, 'bomFormat')) return readCycloneDx(document, source);
    if (Object.hasOwn(document, 'spdxVersion')) return readSpdx(document, source);
    if (isSpdx3(document)) throw new UsageError(`${source}: SPDX 3 (JSON-LD) is not read; the policy gate reads ${READ_FORMATS}`);
  }
  throw new UsageError(
    `${source}: not an SBOM: expected CycloneDX JSON ("bomFormat": "CycloneDX") or SPDX JSON ("spdxVersion": "SPDX-2.3")`,
  );
}

/** Reads an SBOM file (`sbom` input, `--sbom`); a missing, unreadable or oversized file is a UsageError naming it. */
export async function loadSbomLicenses(
  file: string,
  options: { maxBytes?: number } = {},
): Promise<SbomLicenses & { sha256: string; bytes: number }> {
  const maxBytes = options.maxBytes ?? MAX_SBOM_INPUT_BYTES;
  let content: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new UsageError(`${file}: not a file (expected an SBOM file)`);
    if (info.size > maxBytes) throw tooBig(file, info.size, maxBytes);
    content = await readFile(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    throw new UsageError(code === 'ENOENT' ? `${file}: no such SBOM file` : `${file}: the SBOM cannot be read (${describeError(error)})`);
  }
  // The file may have grown between stat and read.
  if (content.length > maxBytes) throw tooBig(file, content.length, maxBytes);
  const result = readSbomLicenses(decode(content), file);
  return { ...result, sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length };
}

/** UTF-8, or UTF-16LE when the file starts with its byte order mark (Windows PowerShell 5 writes `>` redirections so). */
function decode(content: Buffer): string {
  return content[0] === 0xff && content[1] === 0xfe ? content.subarray(2).toString('utf16le') : content.toString('utf8');
}

function tooBig(file: string, size: number, maxBytes: number): UsageError {
  return new UsageError(`${file}: ${size} bytes is over the ${maxBytes}-byte limit for an SBOM`);
}

function describeUnreadable(body: string, error: unknown): string {
  const start = body.trimStart();
  if (start.startsWith('<')) return /<bom[\s>]|cyclonedx\.org\/schema\/bom/.test(start.slice(0, 4096)) ? 'CycloneDX XML is not read' : 'XML is not read';
  if (/^[ \t]*SPDXVersion[ \t]*:/m.test(body)) return 'SPDX tag-value is not read';
  return `not valid JSON (${oneLine(describeError(error))})`;
}

function isSpdx3(document: Record<string, unknown>): boolean {
  const context = document['@context'];
  const contexts = Array.isArray(context) ? context : [context];
  return contexts.some((entry) => typeof entry === 'string' && /spdx/i.test(entry));
}

// ---------------------------------------------------------------------------
// CycloneDX

function readCycloneDx(document: Record<string, unknown>, source: string): SbomLicenses {
  const parsed = cycloneDxSchema.safeParse(document);
  if (!parsed.success) throw documentError(source, 'CycloneDX', parsed.error);
  const bom = parsed.data;
  const warnings: string[] = [];
  if (!CYCLONEDX_VERSIONS.includes(bom.specVersion)) {
    warnings.push(`${source}: CycloneDX ${JSON.stringify(bom.specVersion)} is not a version this reader knows (1.2–1.6); it was read as 1.6`);
  }
  const subjectRef = bom.metadata?.component?.['bom-ref'] ?? undefined;
  const problems = new Problems(source, 'component');
  const packages = new PackageList();
  // An explicit stack: nesting depth is the document's to choose, not the call stack's.
  const stack = (bom.components ?? []).map((item, index) => ({ item, where: `components[${index}]` })).reverse();
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { item, where } = next;
    const children = nestedComponents(item, where, problems);
    for (let index = children.length - 1; index >= 0; index--) stack.push({ item: children[index], where: `${where}.components[${index}]` });
    const pkg = readComponent(item, where, problems, subjectRef);
    if (pkg) packages.add(pkg);
  }
  return finish({ format: 'cyclonedx', specVersion: bom.specVersion, packages: packages.list(), warnings }, problems, source);
}

function nestedComponents(item: unknown, where: string, problems: Problems): unknown[] {
  if (!isRecord(item)) return [];
  const nested = item['components'];
  if (Array.isArray(nested)) return nested;
  if (nested !== undefined && nested !== null) problems.add('nested', `${where}.components`);
  return [];
}

/**
 * An entry of either format checked as far as both need: an object with a
 * name that its schema accepts; otherwise the problem is counted and the
 * entry skipped.
 */
function readEntry<S extends z.ZodType>(item: unknown, where: string, problems: Problems, schema: S): { item: Record<string, unknown>; data: z.output<S> } | undefined {
  if (!isRecord(item)) {
    problems.add('malformed', `${where}: expected an object`);
    return undefined;
  }
  if (typeof item['name'] !== 'string' || item['name'].trim() === '') {
    problems.add('no-name', where);
    return undefined;
  }
  const parsed = schema.safeParse(item);
  if (!parsed.success) {
    problems.add('malformed', describeIssue(where, parsed.error));
    return undefined;
  }
  return { item, data: parsed.data };
}

function readComponent(raw: unknown, where: string, problems: Problems, subjectRef: string | undefined): SbomPackage | undefined {
  const entry = readEntry(raw, where, problems, componentSchema);
  if (!entry) return undefined;
  const { item, data: component } = entry;
  if (subjectRef && component['bom-ref'] === subjectRef) return undefined;
  if (!isPackage(component.type, component.purl, component.version)) return undefined;
  if (isOwnWorkspace(item)) return undefined;
  let license: string | undefined;
  const licenses = componentLicensesSchema.safeParse(item);
  if (licenses.success) license = joinLicenses((licenses.data.licenses ?? []).map(licenseOfChoice));
  else problems.add('licences', describeIssue(where, licenses.error));
  // CycloneDX's "excluded": not part of what ships, which is how this suite and cyclonedx-npm mark dev-only packages.
  return buildPackage({ ...component, license, developmentOnly: component.scope === 'excluded' });
}

function licenseOfChoice(choice: { expression?: string | null; license?: { id?: string | null; name?: string | null } | null }): string | undefined {
  return nonEmpty(choice.expression) ?? nonEmpty(choice.license?.id) ?? nonEmpty(choice.license?.name);
}

// ---------------------------------------------------------------------------
// SPDX

function readSpdx(document: Record<string, unknown>, source: string): SbomLicenses {
  const parsed = spdxSchema.safeParse(document);
  if (!parsed.success) throw documentError(source, 'SPDX', parsed.error);
  const spdx = parsed.data;
  const version = /^SPDX-(\d+)\.(\d+)$/.exec(spdx.spdxVersion.trim());
  if (!version) throw new UsageError(`${source}: spdxVersion ${JSON.stringify(spdx.spdxVersion)} is not an SPDX version (expected "SPDX-2.3")`);
  const specVersion = `${version[1]}.${version[2]}`;
  if (version[1] !== '2') throw new UsageError(`${source}: SPDX ${specVersion} is not read; the policy gate reads ${READ_FORMATS}`);
  const warnings: string[] = [];
  if (!SPDX_VERSIONS.includes(specVersion)) {
    warnings.push(`${source}: SPDX ${specVersion} is not a version this reader knows (2.2, 2.3); it was read as 2.3`);
  }
  const described = describedElements(spdx);
  const developmentOnly = developmentOnlyElements(spdx);
  const problems = new Problems(source, 'package');
  const packages = new PackageList();
  for (const [index, item] of (spdx.packages ?? []).entries()) {
    const pkg = readSpdxPackage(item, `packages[${index}]`, problems, described, developmentOnly);
    if (pkg) packages.add(pkg);
  }
  return finish({ format: 'spdx', specVersion, packages: packages.list(), warnings }, problems, source);
}

/** The SPDX ids the document describes: `documentDescribes`, `DOCUMENT DESCRIBES x` and `x DESCRIBED_BY DOCUMENT`. */
function describedElements(spdx: z.infer<typeof spdxSchema>): Set<string> {
  const documentId = nonEmpty(spdx.SPDXID) ?? 'SPDXRef-DOCUMENT';
  const described = new Set<string>();
  for (const id of spdx.documentDescribes ?? []) if (typeof id === 'string') described.add(id);
  for (const item of spdx.relationships ?? []) {
    const parsed = relationshipSchema.safeParse(item);
    if (!parsed.success) continue;
    const { spdxElementId, relationshipType, relatedSpdxElement } = parsed.data;
    const type = relationshipType.toUpperCase();
    if (type === 'DESCRIBES' && spdxElementId === documentId) described.add(relatedSpdxElement);
    if (type === 'DESCRIBED_BY' && relatedSpdxElement === documentId) described.add(spdxElementId);
  }
  return described;
}

/**
 * Packages that are a DEV_DEPENDENCY_OF something and that nothing DEPENDS_ON:
 * only development needs them (how this suite's SPDX writes it).
 */
function developmentOnlyElements(spdx: z.infer<typeof spdxSchema>): Set<string> {
  const dev = new Set<string>();
  const needed = new Set<string>();
  for (const item of spdx.relationships ?? []) {
    const parsed = relationshipSchema.safeParse(item);
    if (!parsed.success) continue;
    const { spdxElementId, relationshipType, relatedSpdxElement } = parsed.data;
    const type = relationshipType.toUpperCase();
    if (type === 'DEV_DEPENDENCY_OF') dev.add(spdxElementId);
    if (type === 'DEPENDS_ON') needed.add(relatedSpdxElement);
    if (type === 'DEPENDENCY_OF') needed.add(spdxElementId);
  }
  for (const id of needed) dev.delete(id);
  return dev;
}

function readSpdxPackage(
  raw: unknown,
  where: string,
  problems: Problems,
  described: ReadonlySet<string>,
  developmentOnly: ReadonlySet<string> = new Set(),
): SbomPackage | undefined {
  const entry = readEntry(raw, where, problems, spdxPackageSchema);
  if (!entry) return undefined;
  const { item, data: spdxPackage } = entry;
  if (spdxPackage.SPDXID && described.has(spdxPackage.SPDXID)) return undefined;
  const purl = purlOfRefs(spdxPackage.externalRefs ?? []);
  if (!isPackage(spdxPackage.primaryPackagePurpose, purl, spdxPackage.versionInfo)) return undefined;
  let license: string | undefined;
  const licenses = spdxLicensesSchema.safeParse(item);
  if (licenses.success) license = statedSpdxLicense(licenses.data.licenseConcluded) ?? statedSpdxLicense(licenses.data.licenseDeclared);
  else problems.add('licences', describeIssue(where, licenses.error));
  const dev = spdxPackage.SPDXID !== undefined && spdxPackage.SPDXID !== null && developmentOnly.has(spdxPackage.SPDXID);
  return buildPackage({ name: spdxPackage.name, version: spdxPackage.versionInfo, purl, license, developmentOnly: dev });
}

/**
 * A licence field's value unless it is absent or NOASSERTION (the author could
 * not tell). `NONE` is kept: the licence checker reads it as "the package states
 * no licence", a different reason from NOASSERTION's, and judges it unknown.
 */
function statedSpdxLicense(value: string | null | undefined): string | undefined {
  const text = nonEmpty(value);
  return text === undefined || /^noassertion$/i.test(text) ? undefined : text;
}

function purlOfRefs(refs: readonly unknown[]): string | undefined {
  for (const ref of refs) {
    const parsed = externalRefSchema.safeParse(ref);
    if (parsed.success && parsed.data.referenceType.toLowerCase() === 'purl') {
      const locator = nonEmpty(parsed.data.referenceLocator);
      if (locator !== undefined) return locator;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Packages

/** CycloneDX component types and SPDX 2.3 primary purposes that describe no package. */
/** A component our sbom action wrote for one of the project's own workspaces. */
function isOwnWorkspace(item: Record<string, unknown>): boolean {
  const properties = item['properties'];
  return Array.isArray(properties) && properties.some((p) => isRecord(p) && p['name'] === 'devsecops:workspace');
}

const NOT_PACKAGES: ReadonlySet<string> = new Set(['operating-system', 'file']);

function isPackage(kind: string | null | undefined, purl: string | null | undefined, version: string | null | undefined): boolean {
  const type = kind?.trim().toLowerCase();
  if (type !== undefined && NOT_PACKAGES.has(type)) return false;
  return !(type === 'application' && !nonEmpty(purl) && !nonEmpty(version));
}

/** How each ecosystem joins a purl namespace to the name (the reverse of src/core/inventory/purl.ts's split). */
const NAMESPACE_SEPARATOR: ReadonlyMap<string, string> = new Map([
  ['npm', '/'],
  ['Go', '/'],
  ['Packagist', '/'],
  ['Maven', ':'],
]);

interface PackageFields {
  name: string;
  developmentOnly?: boolean;
  group?: string | null;
  version?: string | null;
  purl?: string | null;
  license?: string;
}

function buildPackage(fields: PackageFields): SbomPackage {
  const purl = nonEmpty(fields.purl);
  const type = purl === undefined ? undefined : purlType(purl);
  // Types with no OSV ecosystem (deb, apk, github, …) keep the purl's spelling.
  const ecosystem = type === undefined ? undefined : (ecosystemNamed(type) ?? type);
  const version = nonEmpty(fields.version);
  return {
    name: packageName(fields.name.trim(), nonEmpty(fields.group), purl, ecosystem),
    ...(version !== undefined ? { version } : {}),
    ...(purl !== undefined ? { purl } : {}),
    ...(ecosystem !== undefined ? { ecosystem } : {}),
    ...(fields.license !== undefined ? { license: fields.license } : {}),
    ...(fields.developmentOnly ? { developmentOnly: true } : {}),
  };
}

/**
 * The name as the ecosystem spells it, so licence findings and exceptions name
 * `@actions/core` and `org.yaml:snakeyaml` as dependency findings do: CycloneDX
 * writes the scope or group apart (`group`), and syft's SPDX names a Maven
 * package by its artifact id alone, with the group only in the purl.
 */
function packageName(name: string, group: string | undefined, purl: string | undefined, ecosystem: string | undefined): string {
  const separator = ecosystem === undefined ? undefined : NAMESPACE_SEPARATOR.get(ecosystem);
  if (group !== undefined) {
    const joiner = separator ?? '/';
    return name.startsWith(`${group}${joiner}`) ? name : `${group}${joiner}${name}`;
  }
  if (purl === undefined || separator === undefined) return name;
  const parsed = parsePurl(purl);
  return parsed?.namespace && parsed.name === name ? `${parsed.namespace}${separator}${name}` : name;
}

function parsePurl(purl: string): PackageURL | undefined {
  try {
    return PackageURL.fromString(purl);
  } catch {
    // A producer's broken purl still identifies the package as written.
    return undefined;
  }
}

/** The type of a purl (`pkg:npm/…` → `npm`), lower-cased as the spec says. */
function purlType(purl: string): string | undefined {
  return /^pkg:\/*([A-Za-z.+-][A-Za-z0-9.+-]*)\//i.exec(purl)?.[1]?.toLowerCase();
}

/**
 * Licences that each apply, as one SPDX expression. A part that is not a
 * single id is parenthesised so AND cannot bind into it (`MIT OR ISC` and
 * `GPL-2.0-only` must not read as `MIT OR (ISC AND GPL-2.0-only)`); a
 * parenthesised name is what the licence normalizer expects of joined lists.
 */
function joinLicenses(parts: readonly (string | undefined)[]): string | undefined {
  const unique = [...new Set(parts.filter((part): part is string => part !== undefined))];
  if (unique.length <= 1) return unique[0];
  return unique.map((part) => (/^[A-Za-z0-9.+-]+$/.test(part) ? part : `(${part})`)).join(' AND ');
}

/** Packages by purl, or by name and version without one; a repeated package keeps every licence stated for it. */
class PackageList {
  private readonly byKey = new Map<string, SbomPackage>();

  add(pkg: SbomPackage): void {
    const key = pkg.purl !== undefined ? `purl\u0000${pkg.purl}` : `name\u0000${pkg.name}\u0000${pkg.version ?? ''}`;
    const earlier = this.byKey.get(key);
    if (!earlier) {
      this.byKey.set(key, pkg);
      return;
    }
    const license = joinLicenses([earlier.license, pkg.license]);
    // Needed at run time by any copy: not development-only.
    const developmentOnly = earlier.developmentOnly === true && pkg.developmentOnly === true;
    const { developmentOnly: _dev, ...rest } = earlier;
    this.byKey.set(key, { ...rest, ...(license !== undefined ? { license } : {}), ...(developmentOnly ? { developmentOnly } : {}) });
  }

  list(): SbomPackage[] {
    return [...this.byKey.values()];
  }
}

// ---------------------------------------------------------------------------
// Problems and messages

type ProblemKind = 'no-name' | 'malformed' | 'licences' | 'nested';

/** Problems counted over one document: one warning line per kind, naming the first place. */
class Problems {
  private readonly seen = new Map<ProblemKind, { count: number; first: string }>();

  constructor(
    private readonly source: string,
    private readonly noun: 'component' | 'package',
  ) {}

  add(kind: ProblemKind, first: string): void {
    const entry = this.seen.get(kind);
    if (entry) entry.count++;
    else this.seen.set(kind, { count: 1, first: oneLine(first) });
  }

  warnings(): string[] {
    const lines: string[] = [];
    for (const [kind, { count, first }] of this.seen) {
      const items = `${count} ${this.noun}${count === 1 ? '' : 's'}`;
      const were = count === 1 ? 'was' : 'were';
      switch (kind) {
        case 'no-name':
          lines.push(`${this.source}: ${items} without a name ${were} skipped (first: ${first})`);
          break;
        case 'malformed':
          lines.push(`${this.source}: ${count} malformed ${this.noun}${count === 1 ? '' : 's'} ${were} skipped (first: ${first})`);
          break;
        case 'licences':
          lines.push(`${this.source}: the licences of ${items} could not be read, so ${count === 1 ? 'it counts' : 'they count'} as stating none (first: ${first})`);
          break;
        case 'nested':
          lines.push(`${this.source}: ${items} had a "components" field that is not a list, which was ignored (first: ${first})`);
          break;
      }
    }
    return lines;
  }
}

function finish(result: SbomLicenses, problems: Problems, source: string): SbomLicenses {
  result.warnings.push(...problems.warnings());
  if (result.packages.length === 0) result.warnings.push(`${source}: the SBOM lists no packages besides its subject, so no licence was checked`);
  return result;
}

function documentError(source: string, format: string, error: z.ZodError): UsageError {
  return new UsageError(`${source}: not a valid ${format} document: ${describeIssue('', error)}`);
}

/** The first issue of a zod error as `where.path: message`. */
function describeIssue(where: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `${where}: unreadable`;
  const path = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  const place = `${where}${path}`.replace(/^\./, '');
  return oneLine(`${place === '' ? '' : `${place}: `}${issue.message}`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function nonEmpty(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
