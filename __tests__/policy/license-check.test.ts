import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import satisfies from 'spdx-satisfies';
import { canonicalLicenseId, createLicenseChecker, type LicenseLists } from '../../src/scanners/policy/license-check.js';

const ISSUE_ALLOW = ['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC'];
const ISSUE_DENY = ['GPL-3.0-only', 'AGPL-3.0-only'];

function verdict(license: string | undefined, lists: LicenseLists): string {
  return createLicenseChecker(lists)(license).verdict;
}

describe('allow-list', () => {
  const allow = { allow: ISSUE_ALLOW };

  it('passes an OR when the licensee can pick an allowed licence, not an AND that needs a disallowed one', () => {
    expect(createLicenseChecker(allow)('MIT OR GPL-3.0-only')).toEqual({
      verdict: 'allowed',
      expression: 'MIT OR GPL-3.0-only',
      reason: "MIT OR GPL-3.0-only is allowed by the policy's licence lists",
    });
    expect(createLicenseChecker(allow)('MIT AND GPL-3.0-only')).toEqual({
      verdict: 'denied',
      expression: 'MIT AND GPL-3.0-only',
      reason: 'MIT AND GPL-3.0-only is not allowed: GPL-3.0-only is not in licenses.allow',
    });
    expect(verdict('(MIT OR GPL-3.0-only) AND (Apache-2.0 OR AGPL-3.0-only)', allow)).toBe('allowed');
    expect(verdict('(MIT OR GPL-3.0-only) AND AGPL-3.0-only', allow)).toBe('denied');
  });

  it('judges "X WITH exception" as X, because an exception only adds permissions', () => {
    expect(verdict('Apache-2.0 WITH LLVM-exception', allow)).toBe('allowed');
    expect(verdict('GPL-2.0-only WITH Classpath-exception-2.0', allow)).toBe('denied');
  });

  it('lets an "or later" licence through when a later version is allowed (spdx-satisfies ranges)', () => {
    expect(verdict('GPL-2.0-or-later', { allow: ['GPL-3.0-only'] })).toBe('allowed');
    expect(verdict('GPL-2.0+', { allow: ['GPL-3.0-only'] })).toBe('allowed');
    expect(verdict('GPL-3.0-only', { allow: ['GPL-2.0-only'] })).toBe('denied');
  });

  it('reads licences in any case and the frequent legacy spellings, as the SBOM does', () => {
    expect(createLicenseChecker(allow)('mit or gpl-3.0-only')).toMatchObject({ verdict: 'allowed', expression: 'MIT OR GPL-3.0-only' });
    expect(createLicenseChecker(allow)('Apache 2.0')).toMatchObject({ verdict: 'allowed', expression: 'Apache-2.0' });
  });

  it('gives the same answer as spdx-satisfies on the whole expression, for expressions over listed ids', () => {
    const ids = ['MIT', 'ISC', 'Apache-2.0', 'GPL-3.0-only', 'GPL-2.0-or-later', 'BSD-3-Clause', 'LGPL-2.1-only'];
    const expression: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(...ids),
        fc.tuple(tie('node'), fc.constantFrom('AND', 'OR'), tie('node')).map(([l, op, r]) => `(${l} ${op} ${r})`),
      ),
    })).node;
    fc.assert(
      fc.property(expression, fc.subarray(ids, { minLength: 1 }), (text, allowed) => {
        const ours = createLicenseChecker({ allow: allowed })(text).verdict === 'allowed';
        expect(ours).toBe(satisfies(text, allowed));
      }),
      { numRuns: 300 },
    );
  });

  it('stays linear on a long AND of ORs, where expanding to a disjunction would take 2^20 terms', () => {
    const pairs = Array.from({ length: 20 }, () => '(MIT OR ISC)').join(' AND ');
    const started = Date.now();
    expect(verdict(`${pairs} AND GPL-3.0-only`, allow)).toBe('denied');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('deny-list', () => {
  const deny = { deny: ISSUE_DENY };

  it('denies a licence only when no choice avoids the denied ones', () => {
    expect(verdict('MIT', deny)).toBe('allowed');
    expect(verdict('GPL-3.0-only', deny)).toBe('denied');
    expect(verdict('MIT OR GPL-3.0-only', deny)).toBe('allowed');
    expect(createLicenseChecker(deny)('MIT AND GPL-3.0-only')).toMatchObject({
      verdict: 'denied',
      reason: 'MIT AND GPL-3.0-only is not allowed: GPL-3.0-only is in licenses.deny',
    });
  });

  it('denies every version a denied "or later" entry covers', () => {
    expect(verdict('GPL-3.0-only', { deny: ['GPL-2.0-or-later'] })).toBe('denied');
    expect(verdict('GPL-2.0-only', { deny: ['GPL-2.0-or-later'] })).toBe('denied');
    expect(verdict('LGPL-2.1-only', { deny: ['GPL-2.0-or-later'] })).toBe('allowed');
  });

  it('judges an "or later" licence at the version it names', () => {
    expect(verdict('GPL-2.0-or-later', { deny: ['GPL-3.0-only'] })).toBe('allowed');
    expect(verdict('GPL-2.0-or-later', { deny: ['GPL-2.0-only'] })).toBe('denied');
    expect(verdict('GPL-2.0+', { deny: ['GPL-2.0-only'] })).toBe('denied');
  });

  it('judges "X WITH exception" as X', () => {
    expect(verdict('GPL-3.0-only WITH GCC-exception-3.1', deny)).toBe('denied');
  });

  it('with both lists, a licence must be allowed and not denied', () => {
    const both = { allow: ['MIT', 'GPL-2.0-or-later'], deny: ['GPL-3.0-only'] };
    expect(verdict('MIT', both)).toBe('allowed');
    expect(verdict('GPL-3.0-only', both)).toBe('denied');
    expect(verdict('Apache-2.0', both)).toBe('denied');
  });
});

describe('unknown licences', () => {
  const lists = { allow: ISSUE_ALLOW, deny: ['LicenseRef-acme-internal'] };

  it.each([
    [undefined, 'the SBOM states no licence for the package'],
    ['  ', 'the SBOM states no licence for the package'],
    ['NOASSERTION', 'the SBOM says NOASSERTION: its author could not tell the licence'],
    ['NONE', 'the SBOM says NONE: the package states no licence'],
    ['BSD', 'licence "BSD" is not an SPDX expression and names no single licence (BSD-2-Clause or BSD-3-Clause?)'],
    ['UNLICENSED', 'licence "UNLICENSED" is not an SPDX expression: the package grants no licence (npm\'s UNLICENSED)'],
    ['Some licence text we made up', 'licence "Some licence text we made up" is not a valid SPDX expression'],
  ])('%s is unknown: %s', (license, reason) => {
    expect(createLicenseChecker(lists)(license)).toEqual({ verdict: 'unknown', reason });
  });

  it('treats a custom LicenseRef neither list names as unknown, combining as three-valued logic', () => {
    expect(createLicenseChecker(lists)('LicenseRef-vendor')).toEqual({
      verdict: 'unknown',
      expression: 'LicenseRef-vendor',
      reason: 'LicenseRef-vendor cannot be judged: LicenseRef-vendor is a custom licence that neither licenses.allow nor licenses.deny names',
    });
    expect(verdict('MIT OR LicenseRef-vendor', lists)).toBe('allowed');
    expect(verdict('MIT AND LicenseRef-vendor', lists)).toBe('unknown');
    expect(verdict('GPL-3.0-only AND LicenseRef-vendor', lists)).toBe('denied');
    expect(verdict('GPL-3.0-only OR LicenseRef-vendor', lists)).toBe('unknown');
    expect(verdict('LicenseRef-acme-internal', lists)).toBe('denied');
  });
});

describe('canonicalLicenseId', () => {
  it('puts an id in its SPDX case and refuses what is not an id', () => {
    expect(canonicalLicenseId('mit')).toEqual({ id: 'MIT' });
    expect(canonicalLicenseId('GPL-2.0-or-later')).toEqual({ id: 'GPL-2.0-or-later' });
    expect(canonicalLicenseId('LicenseRef-acme')).toEqual({ id: 'LicenseRef-acme' });
    expect(canonicalLicenseId('MTI')).toEqual({ error: '"MTI" is not an SPDX licence id' });
    expect(canonicalLicenseId('apache2')).toEqual({ error: '"apache2" is not an SPDX licence id (did you mean Apache-2.0?)' });
  });
});
