import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Finding } from '../../src/core/findings.js';
import { readSarif } from '../../src/core/sarif/reader.js';
import { PolicyError } from '../../src/scanners/policy/policy-error.js';
import { toPolicyFinding, type PolicyFinding } from '../../src/scanners/policy/policy-finding.js';
import { loadRegoCondition, type LoadedRego, type RegoCondition } from '../../src/scanners/policy/rego.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const regoDir = path.join(here, '../fixtures/rego');
const WHERE = 'policy.rules[0] (rego-gate).when.rego';
const ALL_ENTRYPOINTS = ['devsecops/conflict', 'devsecops/deny', 'devsecops/fail', 'devsecops/label'];

function load(condition: RegoCondition, baseDir = regoDir): Promise<LoadedRego> {
  return loadRegoCondition(condition, { baseDir, where: WHERE });
}

async function loadError(condition: RegoCondition, baseDir = regoDir): Promise<PolicyError> {
  const error = await load(condition, baseDir).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof PolicyError)) throw new Error(`expected a PolicyError, got ${String(error)}`);
  return error;
}

function sarifFinding(name: string): Finding {
  const text = readFileSync(path.join(here, '../fixtures/sarif', name), 'utf8');
  const [first] = readSarif(text, name, { checkoutRoot: '/path/to' }).findings;
  if (!first) throw new Error(`${name} has no finding`);
  return first;
}

/** Semgrep's real result: rules.javascript-basic-eqeq-bad, score 8 (high), targets/basic/stupid.js:3. */
const semgrep = (): Finding => sarifFinding('semgrep-with-source.sarif');
/** Trivy's real result: CVE-2019-1549, score 5.3 (medium). */
const trivy = (): Finding => sarifFinding('trivy-alpine-310.sarif');
const asPython = (finding: Finding): Finding => ({ ...finding, ruleId: 'python.django.security.injection.sql' });
const input = (finding: Finding): PolicyFinding => toPolicyFinding(finding);

/** A ustar archive of the given files, as `opa build` lays a bundle out (leading `/`). */
function tarGz(files: Record<string, Buffer | string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const body = Buffer.from(content);
    const header = Buffer.alloc(512);
    header.write(name, 0, 'utf8');
    header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
    header.write('0', 156, 'ascii');
    header.write('ustar\0', 257, 'ascii');
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  return gzipSync(Buffer.concat([...blocks, Buffer.alloc(1024)]));
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'rego-test-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('a boolean entrypoint of a real OPA-compiled module', () => {
  it('matches a Python rule scored 7 or more, and only that', async () => {
    const rego = await load({ wasm: 'policy.wasm', entrypoint: 'devsecops/fail' });
    expect(rego.entrypoints).toEqual(ALL_ENTRYPOINTS);
    expect(rego.evaluate(input(asPython(semgrep())))).toBe(true);
    expect(rego.evaluate(input(semgrep()))).toBe(false);
    expect(rego.evaluate(input(asPython(trivy())))).toBe(false);
  });

  it('accepts the entrypoint written as a data reference', async () => {
    const rego = await load({ wasm: 'policy.wasm', entrypoint: 'data.devsecops.fail' });
    expect(rego.evaluate(input(asPython(semgrep())))).toBe(true);
  });

  it('reads the rule\'s data as OPA\'s data document', async () => {
    const strict = await load({ wasm: 'policy.wasm', entrypoint: 'devsecops/fail', data: { config: { min_severity: 9 } } });
    expect(strict.evaluate(input(asPython(semgrep())))).toBe(false);
    const lax = await load({ wasm: 'policy.wasm', entrypoint: 'devsecops/fail', data: { config: { min_severity: 5 } } });
    expect(lax.evaluate(input(asPython(trivy())))).toBe(true);
  });
});

describe('entrypoints that are not booleans', () => {
  it('a deny set matches when it holds a message and not when it is empty', async () => {
    const rego = await load({ wasm: 'policy.wasm', entrypoint: 'devsecops/deny' });
    expect(rego.evaluate(input({ ...semgrep(), isNew: true, severity: 'critical', score: 9.5 }))).toBe(true);
    expect(rego.evaluate(input({ ...semgrep(), isNew: true }))).toBe(false);
  });

  it('an undefined result does not match, and a string is an error, not a decision', async () => {
    const rego = await load({ wasm: 'policy.wasm', entrypoint: 'devsecops/label' });
    const { location: _location, ...outsideAFile } = semgrep();
    expect(rego.evaluate(input(outsideAFile))).toBe(false);
    expect(() => rego.evaluate(input(semgrep()))).toThrow(
      new Error('Rego entrypoint devsecops/label returned a string ("high"), not a boolean or a set'),
    );
  });

  it('an evaluation error throws a plain Error, and the module keeps working afterwards', async () => {
    const rego = await load({ wasm: 'policy.wasm', entrypoint: 'devsecops/conflict' });
    let thrown: unknown;
    try {
      rego.evaluate(input(semgrep()));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(PolicyError);
    expect((thrown as Error).message).toBe('Rego entrypoint devsecops/conflict failed: policy.rego:33:1: var assignment conflict');
    const { location: _location, ...outsideAFile } = semgrep();
    expect(rego.evaluate(input(outsideAFile))).toBe(false);
  });
});

describe('bundles from opa build', () => {
  it('loads bundle.tar.gz and takes its only entrypoint when none is named', async () => {
    const rego = await load({ wasm: 'bundle.tar.gz' });
    expect(rego.entrypoints).toEqual(['devsecops/fail']);
    expect(rego.evaluate(input(asPython(semgrep())))).toBe(true);
    expect(rego.evaluate(input(semgrep()))).toBe(false);
  });

  it('reads data.json files at their directory\'s path, under the rule\'s data', async () => {
    const wasm = readFileSync(path.join(regoDir, 'policy.wasm'));
    writeFileSync(
      path.join(scratch, 'data-bundle.tar.gz'),
      tarGz({ '/data.json': '{}', '/config/data.json': '{"min_severity": 9}', '/policy.wasm': wasm }),
    );
    const fromBundle = await load({ wasm: 'data-bundle.tar.gz', entrypoint: 'devsecops/fail' }, scratch);
    expect(fromBundle.evaluate(input(asPython(semgrep())))).toBe(false);
    const overridden = await load(
      { wasm: 'data-bundle.tar.gz', entrypoint: 'devsecops/fail', data: { config: { min_severity: 8 } } },
      scratch,
    );
    expect(overridden.evaluate(input(asPython(semgrep())))).toBe(true);
  });

  it('rejects a bundle built without -t wasm', async () => {
    writeFileSync(path.join(scratch, 'rego-only.tar.gz'), tarGz({ '/policy.rego': 'package x\n', '/data.json': '{}' }));
    const error = await loadError({ wasm: 'rego-only.tar.gz' }, scratch);
    expect(error.message).toBe(
      `${WHERE}.wasm: rego-only.tar.gz is a bundle without a WebAssembly module: build it with \`opa build -t wasm -e <package>/<rule>\``,
    );
  });
});

describe('policy errors at load', () => {
  it('names the file that does not exist', async () => {
    const error = await loadError({ wasm: 'missing.wasm' });
    expect(error.message).toBe(`${WHERE}.wasm: missing.wasm does not exist`);
  });

  it('rejects a file that is not WebAssembly', async () => {
    const error = await loadError({ wasm: 'policy.rego' });
    expect(error.message).toBe(`${WHERE}.wasm: policy.rego is neither a WebAssembly module nor a bundle from \`opa build -t wasm\``);
  });

  it('rejects WebAssembly that OPA did not build', async () => {
    // The smallest valid module: magic and version, no sections.
    writeFileSync(path.join(scratch, 'empty.wasm'), Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    const error = await loadError({ wasm: 'empty.wasm' }, scratch);
    expect(error.message).toBe(
      `${WHERE}.wasm: empty.wasm is WebAssembly but not an OPA policy (no opa_eval, entrypoints, builtins, opa_wasm_abi_version, opa_wasm_abi_minor_version export): build it with \`opa build -t wasm\``,
    );
  });

  it('rejects an unknown entrypoint and lists the ones there are', async () => {
    const error = await loadError({ wasm: 'policy.wasm', entrypoint: 'devsecops/allow' });
    expect(error.where).toBe(`${WHERE}.entrypoint`);
    expect(error.message).toBe(
      `${WHERE}.entrypoint: policy.wasm has no entrypoint "devsecops/allow"; it has: ${ALL_ENTRYPOINTS.join(', ')}`,
    );
  });

  it('asks for an entrypoint when the module has several', async () => {
    const error = await loadError({ wasm: 'policy.wasm' });
    expect(error.message).toBe(
      `${WHERE}.entrypoint: policy.wasm has 4 entrypoints (${ALL_ENTRYPOINTS.join(', ')}): name one in entrypoint`,
    );
  });

  it('rejects data that is not an object', async () => {
    const error = await loadError({ wasm: 'policy.wasm', entrypoint: 'devsecops/fail', data: [1] });
    expect(error.message).toBe(`${WHERE}.data: must be an object (OPA's data document), not an array ([1])`);
  });
});
