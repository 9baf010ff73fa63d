/** The OSV advisory layer of dependency-audit: load advisories, match packages, group and rate findings. */
export { AdvisorySourceError, type LoadedAdvisories } from './advisory-source.js';
export { groupVulnerabilities, type VulnerabilityGroup } from './aliases.js';
export { RecordCache } from './cache.js';
export { AdvisoryDatabase, type AdvisoryLookup } from './database.js';
export { findVulnerabilities, type PackageVulnerabilities, type VulnerabilityReport } from './find-vulnerabilities.js';
export { fixedVersionFor } from './fixed-version.js';
export {
  advisorySourceKind,
  loadAdvisories,
  type AdvisorySourceKind,
  type LoadAdvisoriesOptions,
  type LoadedDatabase,
} from './load-advisories.js';
export { matchRecord, type MatchResult } from './match.js';
export { OsvRecordError, parseOsvJson, parseOsvRecord, type OsvRecord } from './osv-schema.js';
export { normalizePackageName, type PackageQuery } from './package-key.js';
export { recordSeverity, UNKNOWN_SEVERITY, type AdvisorySeverity, type SeveritySource } from './severity.js';
export { loadDirectory } from './source-directory.js';
export { OSV_API_BASE_URL, loadFromOsvApi, type OsvApiOptions, type OsvApiResult, type QueryPackage } from './source-osv-api.js';
export { loadZip, readZipRecords } from './source-zip.js';
