import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { NameFilter, nameForms, scanRecordNames } from '../../src/scanners/dependencies/advisories/record-names.js';
import { fixtureIndex, fixtureText } from './fixtures.js';

const scan = (text: string) => scanRecordNames(Buffer.from(text, 'utf8'));

describe('scanning a record file for the package names it may be about', () => {
  it('finds every affected package name of every real fixture record (never too few)', () => {
    for (const row of fixtureIndex()) {
      const names = scan(fixtureText(row.id));
      expect(names).toBeDefined();
      for (const name of row.packages) expect(names).toContain(name);
    }
  });

  it('reads the value of any "name" key, whatever the spacing, and decodes escapes in it', () => {
    const text = '{"affected":[{"package":{"ecosystem":"npm","name" :\n "@scope\\/a\\u00e9"}}],"credits":[{"name":"Ann \\"A\\" Lee"}]}';
    expect(scan(text)).toEqual(['@scope/aé', 'Ann "A" Lee']);
  });

  it('does not take a "name" inside a string value for a key', () => {
    expect(scan('{"details":"set \\"name\\": \\"evil\\" here","affected":[{"package":{"name":"real"}}]}')).toEqual(['real']);
  });

  it('gives up (parse the file instead) when a key is written with a \\u escape, which could spell "name"', () => {
    expect(scan('{"affected":[{"package":{"n\\u0061me":"hidden"}}]}')).toBeUndefined();
    // An escape in a value is no reason to give up.
    expect(scan('{"details":"a \\u003c b","affected":[{"package":{"name":"x"}}]}')).toEqual(['x']);
  });

  it('returns names or undefined for any bytes, never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const names = scan(text);
        expect(names === undefined || Array.isArray(names)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('whenever JSON.parse sees a "name" string in an object, the scan names it too', () => {
    const objects = fc.dictionary(fc.constantFrom('name', 'id', 'package', 'n"ame', 'na\\me'), fc.string({ maxLength: 12 }), { maxKeys: 4 });
    fc.assert(
      fc.property(fc.array(objects, { maxLength: 4 }), fc.constantFrom(0, 2), (entries, indent) => {
        const text = JSON.stringify({ affected: entries.map((fields) => ({ package: fields })) }, null, indent);
        const names = scan(text);
        if (names === undefined) return;
        for (const fields of entries) if (fields['name'] !== undefined) expect(names).toContain(fields['name']);
      }),
      { numRuns: 300 },
    );
  });
});

describe('which names an audit wants', () => {
  it('compares each name under its ecosystem spellings: as written, lower case, PEP 503', () => {
    expect(nameForms('lodash')).toEqual(['lodash']);
    expect(nameForms('Flask_Login')).toEqual(['Flask_Login', 'flask_login', 'flask-login']);
    expect(nameForms('Newtonsoft.Json')).toEqual(['Newtonsoft.Json', 'newtonsoft.json', 'newtonsoft-json']);
    const filter = new NameFilter([
      { ecosystem: 'PyPI', name: 'flask.login', version: '1' },
      { ecosystem: 'NuGet', name: 'newtonsoft.json', version: '1' },
      { ecosystem: 'npm', name: 'JSONStream', version: '1' },
      { ecosystem: 'npm', name: 'left-pad', version: '1', local: true },
    ]);
    expect(filter.wants(['Flask_Login'])).toBe(true);
    expect(filter.wants(['Newtonsoft.Json'])).toBe(true);
    expect(filter.wants(['JSONStream'])).toBe(true);
    expect(filter.wants(['left-pad', 'jsonstream'])).toBe(false);
  });
});
