import { describe, it, expect } from '@jest/globals';
import { nugetLockParser } from '../../src/core/inventory/parsers/nuget-lock.js';
import { LockfileError, type ParsedLockfile } from '../../src/core/inventory/types.js';
import { byId, contextWith, readFixture } from './support.js';

function parse(text: string): ParsedLockfile {
  return nugetLockParser.parse(text, contextWith('src/App/packages.lock.json'));
}

/** A base64 SHA-512 (64 bytes) made of one repeated byte, and its hex. */
const HASH_BASE64 = Buffer.alloc(64, 0xab).toString('base64');

describe('packages.lock.json of Bicep.Core.RegistryClient', () => {
  const lockfile = parse(readFixture('nuget-lock/packages.lock.json'));

  it('reads every package of the framework section, with no warnings', () => {
    expect(lockfile.format).toBe('packages.lock.json');
    expect(lockfile.packages).toHaveLength(15);
    expect(lockfile.warnings).toEqual([]);
  });

  it('makes the Direct packages the roots', () => {
    expect(lockfile.roots).toEqual([
      { id: 'Azure.Core@1.14.0', scope: 'runtime' },
      { id: 'Microsoft.CodeAnalysis.BannedApiAnalyzers@3.3.2', scope: 'runtime' },
      { id: 'Nerdbank.GitVersioning@3.4.231', scope: 'runtime' },
      { id: 'NETStandard.Library@2.0.3', scope: 'runtime' },
    ]);
  });

  it('gives the line of each package, its content hash in hex and its edges', () => {
    expect(byId(lockfile, 'Azure.Core@1.14.0')).toMatchObject({
      ecosystem: 'NuGet',
      name: 'Azure.Core',
      version: '1.14.0',
      line: 5,
      hashes: [
        {
          algorithm: 'SHA-512',
          hex: '9143143995f815c99f1e6cbb3a3c8fe4ba2f3b914c5dca3db94601efa97bee6b6a3156d9d1c2e86eff970b2fe3e8ba52b5cf1c668dac235f9d317864d1844e11',
        },
      ],
    });
    expect(byId(lockfile, 'Azure.Core@1.14.0').dependencies).toHaveLength(9);
    expect(byId(lockfile, 'NETStandard.Library@2.0.3')).toMatchObject({ line: 34, dependencies: ['Microsoft.NETCore.Platforms@1.1.0'] });
    expect(byId(lockfile, 'Microsoft.NETCore.Platforms@1.1.0')).toMatchObject({ line: 51, dependencies: [] });
    // The edge names a package; it goes to the version locked in the same framework (4.5.4, not the 4.5.3 asked for).
    expect(byId(lockfile, 'System.Diagnostics.DiagnosticSource@4.6.0')).toMatchObject({ line: 61, dependencies: ['System.Memory@4.5.4'] });
    expect(byId(lockfile, 'System.Memory@4.5.4').line).toBe(69);
  });
});

describe('packages.lock.json with several frameworks, projects and central pins', () => {
  const text = JSON.stringify(
    {
      version: 2,
      dependencies: {
        'net8.0': {
          'Newtonsoft.Json': { type: 'Direct', requested: '[13.0.3, )', resolved: '13.0.3', contentHash: HASH_BASE64 },
          'Serilog': { type: 'Transitive', resolved: '3.1.1', contentHash: HASH_BASE64 },
          'Contoso.Lib': { type: 'Project', dependencies: { serilog: '[3.1.1, )', 'Polly': '[8.0.0, )' } },
          'Polly': { type: 'CentralTransitive', requested: '[8.0.0, )', resolved: '8.0.0', contentHash: 'not-a-hash' },
        },
        'net6.0': {
          'Newtonsoft.Json': { type: 'Direct', requested: '[13.0.3, )', resolved: '13.0.3', contentHash: HASH_BASE64 },
          'Serilog': { type: 'Transitive', resolved: '2.12.0' },
        },
        'net8.0/win-x64': {
          'Runtime.Native': { type: 'Transitive', resolved: '1.0.0', dependencies: { 'Newtonsoft.Json': '13.0.1' } },
        },
      },
    },
    null,
    2,
  );
  const lockfile = parse(text);

  it('keeps one package per name and version across frameworks, and both versions when they differ', () => {
    expect(lockfile.packages.map((p) => [p.id, p.line])).toEqual([
      ['Newtonsoft.Json@13.0.3', 5],
      ['Serilog@3.1.1', 11],
      ['Contoso.Lib@', 16],
      ['Polly@8.0.0', 23],
      ['Serilog@2.12.0', 37],
      ['Runtime.Native@1.0.0', 43],
    ]);
    expect(lockfile.roots).toEqual([{ id: 'Newtonsoft.Json@13.0.3', scope: 'runtime' }]);
  });

  it('makes Project entries local, links names case-insensitively, and falls back from a runtime section to its framework', () => {
    expect(byId(lockfile, 'Contoso.Lib@')).toMatchObject({ local: true, version: '', dependencies: ['Serilog@3.1.1', 'Polly@8.0.0'] });
    expect(byId(lockfile, 'Runtime.Native@1.0.0').dependencies).toEqual(['Newtonsoft.Json@13.0.3']);
  });

  it('turns the base64 content hash into hex and warns about one that is not SHA-512', () => {
    expect(byId(lockfile, 'Newtonsoft.Json@13.0.3').hashes).toEqual([{ algorithm: 'SHA-512', hex: 'ab'.repeat(64) }]);
    expect(byId(lockfile, 'Polly@8.0.0').hashes).toBeUndefined();
    expect(lockfile.warnings).toEqual(['line 23: Polly has a contentHash that is not a base64 SHA-512; not used']);
  });
});

describe('packages.lock.json errors', () => {
  it('fails on JSON it cannot read, naming the line', () => {
    try {
      parse('{\n  "version": 1,\n  "dependencies": {\n    "net8.0": {,\n  }\n}');
      throw new Error('expected a LockfileError');
    } catch (error) {
      expect(error).toBeInstanceOf(LockfileError);
      expect((error as LockfileError).line).toBe(4);
    }
  });

  it('fails on JSON that is not a lock file', () => {
    expect(() => parse('[1, 2]')).toThrow(new LockfileError('packages.lock.json must be a JSON object'));
    expect(() => parse('{"version": 1}')).toThrow(LockfileError);
  });

  it('skips entries it cannot read, with a warning', () => {
    const lockfile = parse('{"version":1,"dependencies":{"net8.0":{"A":{"type":"Direct"},"B":"x","C":{"resolved":"1.0.0"}}}}');
    expect(lockfile.packages.map((p) => p.id)).toEqual(['C@1.0.0']);
    expect(lockfile.warnings).toEqual(['line 1: A in net8.0 has no resolved version; skipped', 'line 1: B in net8.0 is not a lock entry; skipped']);
  });
});
