import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import parseSpdxExpression from 'spdx-expression-parse';
import { licenseRefFor, licenseRefsOf, normalizeLicense } from '../../src/scanners/sbom/licenses.js';

describe('normalizeLicense', () => {
  it.each([
    ['MIT', 'MIT'],
    ['mit', 'MIT'],
    ['apache-2.0', 'Apache-2.0'],
    ['(MIT OR Apache-2.0)', 'MIT OR Apache-2.0'],
    ['mit or apache-2.0', 'MIT OR Apache-2.0'],
    ['(MIT AND (Apache-2.0 OR BSD-3-Clause))', 'MIT AND (Apache-2.0 OR BSD-3-Clause)'],
    ['MIT AND Apache-2.0 OR ISC', 'MIT AND Apache-2.0 OR ISC'],
    ['GPL-2.0+', 'GPL-2.0+'],
    ['GPL-2.0-only WITH classpath-exception-2.0', 'GPL-2.0-only WITH Classpath-exception-2.0'],
    ['licenseref-Acme-1', 'LicenseRef-Acme-1'],
    ['  BSD-3-Clause  ', 'BSD-3-Clause'],
    ['MIT/Apache-2.0', 'MIT OR Apache-2.0'],
    ['MIT / Apache-2.0', 'MIT OR Apache-2.0'],
    ['Apache 2.0', 'Apache-2.0'],
    ['Apache License 2.0', 'Apache-2.0'],
    ['Apache License, Version 2.0', 'Apache-2.0'],
    ['MIT License', 'MIT'],
    ['The MIT License (MIT)', 'MIT'],
    ['New BSD License', 'BSD-3-Clause'],
    ['BSD 3-Clause', 'BSD-3-Clause'],
    ['Simplified BSD', 'BSD-2-Clause'],
    ['MPL 2.0', 'MPL-2.0'],
    ['GNU General Public License v3 or later (GPLv3+)', 'GPL-3.0-or-later'],
    ['MIT License OR Apache 2.0', 'MIT OR Apache-2.0'],
    ['Apache 2.0 / MIT License', 'Apache-2.0 OR MIT'],
    ['unlicense', 'Unlicense'],
    // Lists joined by composer-lock.ts and installed-licenses.ts.
    ['MIT OR (Apache 2.0)', 'MIT OR Apache-2.0'],
    ['(Apache License 2.0) OR (GNU General Public License v2 or later (GPLv2+))', 'Apache-2.0 OR GPL-2.0-or-later'],
  ])('%j is the expression %j', (raw, expression) => {
    expect(normalizeLicense(raw)).toEqual({ expression });
  });

  it.each([
    ['UNLICENSED', `is not an SPDX expression: the package grants no licence (npm's UNLICENSED)`],
    ['unlicensed', `is not an SPDX expression: the package grants no licence (npm's UNLICENSED)`],
    ['SEE LICENSE IN LICENSE.md', 'is not an SPDX expression: the terms are in a file of the package'],
    ['BSD', 'is not an SPDX expression and names no single licence (BSD-2-Clause or BSD-3-Clause?)'],
    ['BSD License', 'is not an SPDX expression and names no single licence (BSD-2-Clause or BSD-3-Clause?)'],
    ['Apache Software License', 'is not an SPDX expression and names no single licence (no version)'],
    ['Public Domain', 'is not a valid SPDX expression'],
    ['MIT AND', 'is not a valid SPDX expression'],
    ['MIT OR Nonsense-9', 'is not a valid SPDX expression'],
    ['https://opensource.org/licenses/MIT', 'is not a valid SPDX expression'],
    ['DocumentRef-other:LicenseRef-1', 'is not a valid SPDX expression'],
    ['MIT, Apache-2.0', 'is not a valid SPDX expression'],
  ])('%j has no expression and a warning naming it', (raw, reason) => {
    expect(normalizeLicense(raw)).toEqual({ warning: `licence ${JSON.stringify(raw)} ${reason}` });
  });

  it('calls a pasted licence text a text and keeps the warning on one short line', () => {
    const text = `Copyright (c) 2020 Someone\n\nPermission is hereby granted, free of charge, ${'to any person '.repeat(50)}`;
    const { expression, warning } = normalizeLicense(text);
    expect(expression).toBeUndefined();
    expect(warning).toMatch(/^licence "Copyright \(c\) 2020 Someone Permission is hereby granted, .*\.\.\." is not an SPDX expression \(it looks like a licence text\)$/);
    expect(warning!.length).toBeLessThan(160);
  });

  it('an empty string states nothing', () => {
    expect(normalizeLicense('  ')).toEqual({});
  });

  it('any string gives either a valid expression or a one-line warning, quickly', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.array(fc.constantFrom('MIT', 'mit', 'OR', 'and', 'with', '(', ')', '/', '+', 'Apache 2.0', 'GPL-2.0', 'LicenseRef-x', 'Classpath-exception-2.0', ' '), { maxLength: 12 }).map((parts) => parts.join(' ')),
        ),
        (raw) => {
          const result = normalizeLicense(raw);
          if (result.expression !== undefined) {
            expect(() => parseSpdxExpression(result.expression!)).not.toThrow();
            expect(result.warning).toBeUndefined();
            // Canonical form is a fixed point.
            expect(normalizeLicense(result.expression)).toEqual({ expression: result.expression });
          } else if (raw.trim() !== '') {
            expect(result.warning).toMatch(/^licence "/);
            expect(result.warning).not.toMatch(/[\r\n]/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('licenseRefFor', () => {
  it('keeps an idstring as it is written', () => {
    expect(licenseRefFor('UNLICENSED')).toBe('LicenseRef-UNLICENSED');
  });

  it('makes an idstring with a hash of anything else, the same for strings differing only in case', () => {
    const ref = licenseRefFor('SEE LICENSE IN LICENSE.md');
    expect(ref).toMatch(/^LicenseRef-SEE-LICENSE-IN-LICENSE.md-[0-9a-f]{12}$/);
    expect(licenseRefFor('see license in license.md').toLowerCase()).toBe(ref.toLowerCase());
    expect(licenseRefFor('Public Domain')).not.toBe(licenseRefFor('Public-Domain'));
  });

  it('always gives a valid SPDX licence ref id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (raw) => {
        expect(licenseRefFor(raw)).toMatch(/^LicenseRef-[A-Za-z0-9.-]+$/);
        expect(() => parseSpdxExpression(licenseRefFor(raw))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('lists the refs an expression uses, once each and sorted', () => {
    expect(licenseRefsOf('LicenseRef-b OR MIT AND (LicenseRef-a OR LicenseRef-b)')).toEqual(['LicenseRef-a', 'LicenseRef-b']);
  });
});
