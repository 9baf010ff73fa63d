import type { Inventory } from '../../core/inventory/inventory.js';

/** The repository an SBOM describes: its root component. */
export interface SbomSubject {
  /** From the root manifest when there is one (package.json name, Cargo package…), else the repository name. */
  name: string;
  version?: string;
  /** e.g. https://github.com/octo-org/octo-repo */
  repositoryUrl?: string;
  /** The commit described (40 hex). */
  commit?: string;
}

/** Everything a document builder needs besides the inventory. */
export interface SbomContext {
  subject: SbomSubject;
  tool: { name: string; version: string; informationUri?: string };
  /**
   * ISO 8601 UTC, seconds precision (`2026-11-23T14:00:00Z`). In reproducible
   * mode it comes from SOURCE_DATE_EPOCH or the commit date, so two runs agree.
   */
  timestamp: string;
  /**
   * Reproducible mode: the serial number / document namespace is derived from
   * the content (never random), and nothing else varies between runs.
   * Components, relationships and properties are always in a stable order.
   */
  reproducible: boolean;
  /**
   * Licences found beyond the lockfiles (installed package metadata), by
   * purl, as raw strings; the builders validate and normalize them.
   */
  extraLicenses?: ReadonlyMap<string, string>;
}

export interface SbomInput {
  inventory: Inventory;
  context: SbomContext;
}

/** A built document: its text (pretty JSON, trailing newline) and what it holds, for the summary. */
export interface BuiltSbom {
  format: 'cyclonedx-json' | 'spdx-json';
  /** `1.6` / `1.5` for CycloneDX, `SPDX-2.3` for SPDX. */
  specVersion: string;
  text: string;
  componentCount: number;
  relationshipCount: number;
  /** One line each: licences that are not valid SPDX expressions, packages without a version… */
  warnings: string[];
}
