import { expect } from '@jest/globals';
import type { Ecosystem } from '../../src/core/inventory/types.js';
import { compareVersions } from '../../src/core/versions/index.js';

/** Asserts every version sorts strictly before every later one, both ways round. */
export function expectAscending(ecosystem: Ecosystem, versions: string[]): void {
  const wrong: string[] = [];
  for (let i = 0; i < versions.length; i++) {
    for (let j = i + 1; j < versions.length; j++) {
      const low = versions[i] as string;
      const high = versions[j] as string;
      if (compareVersions(ecosystem, low, high) !== -1) wrong.push(`${low} < ${high}`);
      if (compareVersions(ecosystem, high, low) !== 1) wrong.push(`${high} > ${low}`);
    }
  }
  expect(wrong).toEqual([]);
}

/** Asserts each pair orders as equal, both ways round. */
export function expectEqual(ecosystem: Ecosystem, pairs: [string, string][]): void {
  const wrong = pairs
    .filter(([a, b]) => compareVersions(ecosystem, a, b) !== 0 || compareVersions(ecosystem, b, a) !== 0)
    .map(([a, b]) => `${a} == ${b}`);
  expect(wrong).toEqual([]);
}
