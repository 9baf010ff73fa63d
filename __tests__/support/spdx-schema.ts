import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import ajvFormats from 'ajv-formats';
import parseSpdxExpression from 'spdx-expression-parse';

const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The official SPDX 2.3 schema (draft-07); see __tests__/fixtures/schemas/SOURCE-spdx.md.
const schema = JSON.parse(readFileSync(path.join(repoRoot, '__tests__/fixtures/schemas/spdx-2.3.schema.json'), 'utf8')) as object;
// Both are CommonJS with `exports.default`: under NodeNext the default import is the exports object.
const ajv = new Ajv.default({ allErrors: true, strict: true });
ajvFormats.default(ajv);

/** Validates against the official SPDX 2.3 JSON schema; `validateSpdxSchema.errors` says why not. */
export const validateSpdxSchema = ajv.compile(schema);

/** A loosely typed SPDX document, for tests to read. */
export interface SpdxJson {
  spdxVersion: string;
  dataLicense: string;
  SPDXID: string;
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[]; comment?: string };
  packages: Array<{
    SPDXID: string;
    name: string;
    versionInfo?: string;
    supplier?: string;
    downloadLocation: string;
    filesAnalyzed?: boolean;
    checksums?: Array<{ algorithm: string; checksumValue: string }>;
    licenseConcluded?: string;
    licenseDeclared?: string;
    copyrightText?: string;
    comment?: string;
    externalRefs?: Array<{ referenceCategory: string; referenceType: string; referenceLocator: string }>;
    primaryPackagePurpose?: string;
  }>;
  hasExtractedLicensingInfos?: Array<{ licenseId: string; extractedText: string; name?: string; comment?: string }>;
  relationships: Array<{ spdxElementId: string; relationshipType: string; relatedSpdxElement: string; comment?: string }>;
}

const ID = /^SPDXRef-[A-Za-z0-9.-]+$/;
const CREATED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const AGENT = /^(Person|Organization): [^()\n]+( \([^()\n]*\))?$/;
const CREATOR = /^((Person|Organization): [^()\n]+( \([^()\n]*\))?|Tool: \S.*)$/;
/** SPDX 2.3 §7.7's VCS form. */
const VCS = /^(git|hg|svn|bzr)\+(https?|ssh|git|svn|file):\/\/[^\s#@]*(@[^\s#/]+)?(#\S+)?$/;
const HEX_LENGTH: Record<string, number> = { MD5: 32, SHA1: 40, SHA256: 64, SHA384: 96, SHA512: 128 };

function isUrl(value: string): boolean {
  try {
    new URL(value);
    return !/\s/.test(value);
  } catch {
    return false;
  }
}

function checkLicense(value: string | undefined, declared: ReadonlySet<string>, where: string, problems: string[]): void {
  if (value === undefined || value === 'NOASSERTION' || value === 'NONE') return;
  try {
    parseSpdxExpression(value);
  } catch {
    problems.push(`${where}: ${JSON.stringify(value)} is not an SPDX licence expression`);
    return;
  }
  for (const ref of value.match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? []) {
    if (!declared.has(ref)) problems.push(`${where}: ${ref} is not in hasExtractedLicensingInfos`);
  }
}

/**
 * The rules of the SPDX 2.3 text that the JSON schema does not encode: id
 * syntax and uniqueness, relationship targets, licence expressions and their
 * LicenseRef declarations, agent, timestamp, namespace, download location and
 * checksum formats. An empty list means the document follows them.
 */
export function spdxProblems(document: SpdxJson): string[] {
  const problems: string[] = [];
  if (document.SPDXID !== 'SPDXRef-DOCUMENT') problems.push('document SPDXID is not SPDXRef-DOCUMENT');
  if (!CREATED.test(document.creationInfo.created)) problems.push(`created ${document.creationInfo.created} is not YYYY-MM-DDThh:mm:ssZ`);
  for (const creator of document.creationInfo.creators) if (!CREATOR.test(creator)) problems.push(`creator ${JSON.stringify(creator)}`);
  if (!isUrl(document.documentNamespace) || document.documentNamespace.includes('#')) {
    problems.push(`documentNamespace ${document.documentNamespace} is not a URI without a fragment`);
  }

  const ids = new Set<string>();
  const declared = new Set((document.hasExtractedLicensingInfos ?? []).map((info) => info.licenseId));
  for (const info of document.hasExtractedLicensingInfos ?? []) {
    if (!/^LicenseRef-[A-Za-z0-9.-]+$/.test(info.licenseId)) problems.push(`extracted licence id ${info.licenseId}`);
    if (info.extractedText === '') problems.push(`${info.licenseId}: empty extractedText`);
  }
  if (declared.size !== new Set([...declared].map((id) => id.toLowerCase())).size) problems.push('extracted licence ids differ only in case');
  for (const pkg of document.packages) {
    const where = `package ${pkg.SPDXID}`;
    if (!ID.test(pkg.SPDXID)) problems.push(`${where}: invalid SPDXID`);
    if (ids.has(pkg.SPDXID)) problems.push(`${where}: duplicate SPDXID`);
    ids.add(pkg.SPDXID);
    if (pkg.supplier !== undefined && pkg.supplier !== 'NOASSERTION' && !AGENT.test(pkg.supplier)) problems.push(`${where}: supplier ${pkg.supplier}`);
    const location = pkg.downloadLocation;
    if (location !== 'NOASSERTION' && location !== 'NONE' && !VCS.test(location) && !isUrl(location)) {
      problems.push(`${where}: downloadLocation ${location}`);
    }
    for (const checksum of pkg.checksums ?? []) {
      const length = HEX_LENGTH[checksum.algorithm];
      if (length === undefined || !new RegExp(`^[0-9a-f]{${length}}$`).test(checksum.checksumValue)) {
        problems.push(`${where}: checksum ${checksum.algorithm} ${checksum.checksumValue}`);
      }
    }
    for (const ref of pkg.externalRefs ?? []) {
      if (/\s/.test(ref.referenceLocator)) problems.push(`${where}: external ref locator with a space`);
      if (ref.referenceType === 'purl' && !/^pkg:[a-z0-9.+-]+\/\S+$/.test(ref.referenceLocator)) problems.push(`${where}: purl ${ref.referenceLocator}`);
    }
    checkLicense(pkg.licenseDeclared, declared, `${where} licenseDeclared`, problems);
    checkLicense(pkg.licenseConcluded, declared, `${where} licenseConcluded`, problems);
  }
  for (const relationship of document.relationships) {
    for (const id of [relationship.spdxElementId, relationship.relatedSpdxElement]) {
      if (id !== 'SPDXRef-DOCUMENT' && !ids.has(id)) problems.push(`relationship ${relationship.relationshipType} names unknown ${id}`);
    }
  }
  return problems;
}

/**
 * Everything wrong with a document: the schema's errors (`/path message`)
 * and then the specification's rules (spdxProblems); empty when it is valid.
 */
export function validateSpdx(document: unknown): string[] {
  if (!validateSpdxSchema(document)) {
    return (validateSpdxSchema.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
  }
  return spdxProblems(document as SpdxJson);
}
