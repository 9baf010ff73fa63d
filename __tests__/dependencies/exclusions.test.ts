import { describe, expect, it } from '@jest/globals';
import { dependencyExclusionsSchema } from '../../src/core/config/sections/dependencies.js';
import type { InventoryPackage } from '../../src/core/inventory/inventory.js';
import type { VulnerabilityGroup } from '../../src/scanners/dependencies/advisories/index.js';
import { compileExclusions, hasExpired } from '../../src/scanners/dependencies/exclusions.js';

function pkg(name: string, extra: Partial<InventoryPackage> = {}): InventoryPackage {
  return {
    id: name,
    ecosystem: 'npm',
    name,
    version: '1.0.0',
    purl: `pkg:npm/${name}@1.0.0`,
    direct: true,
    scope: 'runtime',
    location: { path: 'package-lock.json', line: 1 },
    dependencies: [],
    hashes: [],
    local: false,
    ...extra,
  };
}

const group = (displayId: string, aliases: string[] = []) => ({ displayId, aliases }) as unknown as VulnerabilityGroup;

describe('dependency exclusions', () => {
  const exclude = dependencyExclusionsSchema.parse({
    scopes: ['development'],
    packages: [
      { name: 'left-pad', reason: 'vendored copy is patched' },
      { name: 'Django_Rest', ecosystem: 'PyPI', reason: 'internal fork', expires: '2026-01-31' },
    ],
    advisories: [
      { id: 'CVE-2020-28500', packages: ['lodash'], reason: 'only trusted input', expires: '2027-03-31' },
      { id: 'GHSA-old0-0000-0000', reason: 'was fine once', expires: '2025-12-31' },
    ],
  });

  it('holds an exclusion through its expiry day and drops it after, saying so', () => {
    expect(hasExpired('2026-11-23', '2026-11-23')).toBe(false);
    expect(hasExpired('2026-11-22', '2026-11-23')).toBe(true);
    expect(hasExpired(undefined, '2099-01-01')).toBe(false);
    const active = compileExclusions(exclude, '2026-11-23');
    expect(active.expired).toEqual([
      expect.stringMatching(/^The exclusion of package PyPI\/Django_Rest expired on 2026-01-31 and no longer applies \(it said: internal fork\)/),
      expect.stringMatching(/^The exclusion of advisory GHSA-old0-0000-0000 expired on 2025-12-31/),
    ]);
    expect(active.skipsVulnerability(pkg('x'), group('GHSA-old0-0000-0000'))).toBeUndefined();
    expect(active.skipsPackage(pkg('django-rest', { ecosystem: 'PyPI' }))).toBeUndefined();
  });

  it('skips excluded scopes and packages, naming the rule', () => {
    const active = compileExclusions(exclude, '2026-01-01');
    expect(active.skipsPackage(pkg('jest', { scope: 'development' }))).toMatch(/scope development is excluded/);
    expect(active.skipsPackage(pkg('left-pad'))).toMatch(/vendored copy is patched/);
    // PyPI names compare after PEP 503 normalization; the ecosystem must match when given.
    expect(active.skipsPackage(pkg('django-rest', { ecosystem: 'PyPI' }))).toMatch(/internal fork \(until 2026-01-31\)/);
    expect(active.skipsPackage(pkg('Django_Rest'))).toBeUndefined();
    expect(active.skipsPackage(pkg('express'))).toBeUndefined();
  });

  it('skips an advisory by any of its aliases, only for the packages listed', () => {
    const active = compileExclusions(exclude, '2026-11-23');
    const lodashRedos = group('GHSA-29mw-wpgm-hmr9', ['CVE-2020-28500']);
    expect(active.skipsVulnerability(pkg('lodash'), lodashRedos)).toBe('only trusted input (until 2027-03-31)');
    expect(active.skipsVulnerability(pkg('lodash-es'), lodashRedos)).toBeUndefined();
  });

  it('requires a reason for every exclusion', () => {
    expect(dependencyExclusionsSchema.safeParse({ packages: [{ name: 'x' }] }).success).toBe(false);
    expect(dependencyExclusionsSchema.safeParse({ advisories: [{ id: 'GHSA-x', reason: '  ' }] }).success).toBe(false);
  });
});
