import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { AdvisorySourceError } from '../../src/scanners/dependencies/advisories/advisory-source.js';
import { readZipRecords } from '../../src/scanners/dependencies/advisories/source-zip.js';
import { fixtureText } from './fixtures.js';

const LODASH = 'GHSA-35jh-r3h4-6jhm';
const MINIMIST = 'GHSA-xvch-5gv4-984h';

function zipOf(files: Zippable): Buffer {
  return Buffer.from(zipSync(files));
}

const endOfCentralDirectory = (zip: Buffer) => zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
const centralEntry = (zip: Buffer, nth: number) => {
  let at = zip.readUInt32LE(endOfCentralDirectory(zip) + 16);
  for (let i = 0; i < nth; i += 1) at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  return at;
};

/**
 * The same zip with a zip64 end record, as writers produce past 65,535
 * entries: the classic record's count and offset say "see zip64".
 */
function asZip64(zip: Buffer): Buffer {
  const end = endOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  const offset = zip.readUInt32LE(end + 16);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(size), 40);
  record.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(end), 8);
  locator.writeUInt32LE(1, 16);
  const classic = Buffer.from(zip.subarray(end));
  classic.writeUInt16LE(0xffff, 8);
  classic.writeUInt16LE(0xffff, 10);
  classic.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([zip.subarray(0, end), record, locator, classic]);
}

describe('reading a zip of OSV records', () => {
  it('reads stored and deflated entries, in name order', () => {
    const zip = zipOf({ [`b/${MINIMIST}.json`]: [strToU8(fixtureText(MINIMIST)), { level: 0 }], [`a/${LODASH}.json`]: strToU8(fixtureText(LODASH)) });
    const loaded = readZipRecords(zip, 'all.zip');
    expect(loaded.records.map((r) => [r.source, r.id])).toEqual([
      [`all.zip: a/${LODASH}.json`, LODASH],
      [`all.zip: b/${MINIMIST}.json`, MINIMIST],
    ]);
    expect(loaded.warnings).toEqual([]);
  });

  it('reads a zip64 end record (writers use one past 65,535 entries)', () => {
    const zip = asZip64(zipOf({ [`${LODASH}.json`]: strToU8(fixtureText(LODASH)), [`${MINIMIST}.json`]: strToU8(fixtureText(MINIMIST)) }));
    expect(readZipRecords(zip, 'all.zip').records.map((r) => r.id)).toEqual([LODASH, MINIMIST]);
  });

  it('skips an entry it cannot unpack with one line, and reads the rest', () => {
    const zip = zipOf({ [`${LODASH}.json`]: strToU8(fixtureText(LODASH)), [`${MINIMIST}.json`]: strToU8(fixtureText(MINIMIST)), 'c.json': strToU8('{}') });
    const methods = Buffer.from(zip);
    methods.writeUInt16LE(12, centralEntry(methods, 0) + 10);
    methods.writeUInt16LE(methods.readUInt16LE(centralEntry(methods, 1) + 8) | 1, centralEntry(methods, 1) + 8);
    expect(readZipRecords(methods, 'all.zip')).toMatchObject({
      records: [],
      warnings: [
        `all.zip: ${LODASH}.json: skipped: compression method 12 is not supported`,
        `all.zip: ${MINIMIST}.json: skipped: it is encrypted`,
        // Read, and refused by the schema when outlined: it has no id to index by.
        'all.zip: c.json: not an OSV record: id: Invalid input: expected string, received undefined',
      ],
    });

    // An entry that unpacks to more than its header states stops there (a zip bomb cannot fill memory).
    const understated = Buffer.from(zip);
    understated.writeUInt32LE(100, centralEntry(understated, 0) + 24);
    const loaded = readZipRecords(understated, 'all.zip');
    expect(loaded.records.map((r) => r.id)).toEqual([MINIMIST]);
    expect(loaded.warnings[0]).toMatch(new RegExp(`^all\\.zip: ${LODASH}\\.json: `));
  });

  it('a damaged central directory is one clear error', () => {
    const zip = zipOf({ [`${LODASH}.json`]: strToU8(fixtureText(LODASH)) });
    const damaged = Buffer.from(zip);
    damaged.writeUInt32LE(0, centralEntry(damaged, 0));
    expect(() => readZipRecords(damaged, 'all.zip')).toThrow(new AdvisorySourceError('all.zip is not a readable zip: central directory entry 1 of 1 is damaged'));
    expect(() => readZipRecords(Buffer.from('PK'), 'all.zip')).toThrow(new AdvisorySourceError('all.zip is not a readable zip: no end of central directory record'));
  });

  it('any damage to a zip gives records, warnings or an AdvisorySourceError, never another error', () => {
    const zip = zipOf({ [`${LODASH}.json`]: strToU8(fixtureText(LODASH)), [`x/${MINIMIST}.json`]: [strToU8(fixtureText(MINIMIST)), { level: 0 }] });
    const edits = fc.array(fc.tuple(fc.nat({ max: zip.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(edits, fc.nat({ max: zip.length }), (changes, cut) => {
        const damaged = Buffer.from(zip.subarray(0, Math.max(cut, zip.length - 64)));
        for (const [at, value] of changes) if (at < damaged.length) damaged[at] = value;
        try {
          const loaded = readZipRecords(damaged, 'all.zip');
          for (const warning of loaded.warnings) expect(warning).not.toContain('\n');
        } catch (error) {
          expect(error).toBeInstanceOf(AdvisorySourceError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
