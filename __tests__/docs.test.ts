import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface StaleRegion {
  label: string;
  line: number;
  hint: string;
}
interface DocsModule {
  renderReadme(text: string, root: string): string;
  findStaleRegions(text: string, root: string): StaleRegion[];
  findRegions(text: string): { label: string }[];
}

let docs: DocsModule;
beforeAll(async () => {
  docs = (await import(pathToFileURL(path.join(root, 'scripts/docs.mjs')).href)) as DocsModule;
});

const tempRoots: string[] = [];
afterEach(() => {
  for (const dir of tempRoots.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A repository root holding only the given files. */
function fakeRoot(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'devsecops-docs-'));
  tempRoots.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const FAKE_ACTION = `name: fake
description: A fake action.
inputs:
  token:
    description: Token for the GitHub API.
    default: \${{ github.token }}
  separator:
    description: 'Joins values: a | b'
    default: ' | '
  scope:
    description: 'auto (default): the change; or all.'
  output:
    description: Where to write; default a folder under RUNNER_TEMP.
    default: ''
  name:
    description: |
      The name,
      on two lines.
    required: true
  globs:
    description: 'Files such as **/*.min.js, or <ecosystem>/all.zip; see \`a|b\`.'
  upload:
    description: Upload it.
    default: 'true'
outputs:
  result:
    description: pass or fail.
runs:
  using: node24
  main: index.js
`;

describe('the README reference generator', () => {
  it('finds README.md current: every generated region equals what the action.yml files and the schema give', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(docs.findStaleRegions(readme, root)).toEqual([]);
    expect(docs.renderReadme(readme, root)).toBe(readme);
    expect(docs.findRegions(readme).map((region) => region.label)).toEqual(
      expect.arrayContaining([
        'action-inputs secrets-scan',
        'action-inputs dependency-audit',
        'action-inputs sbom',
        'action-inputs policy-gate',
        'config-reference',
      ]),
    );
  });

  it('writes the inputs and outputs of an action.yml as tables, escaping pipes and showing where the default is', () => {
    const dir = fakeRoot({ 'actions/fake/action.yml': FAKE_ACTION });
    const readme = ['# Fake', '', '<!-- generated:action-inputs fake -->', 'old table', '<!-- /generated -->', '', 'After.', ''].join('\n');
    expect(docs.renderReadme(readme, dir)).toBe(
      [
        '# Fake',
        '',
        '<!-- generated:action-inputs fake -->',
        '',
        '| input | default | description |',
        '| --- | --- | --- |',
        '| `token` | `${{ github.token }}` | Token for the GitHub API. |',
        '| `separator` | ` \\| ` | Joins values: a \\| b |',
        '| `scope` | see description | auto (default): the change; or all. |',
        '| `output` | see description | Where to write; default a folder under RUNNER_TEMP. |',
        '| `name` | required | The name, on two lines. |',
        '| `globs` | — | Files such as \\*\\*/\\*.min.js, or \\<ecosystem>/all.zip; see `a\\|b`. |',
        '| `upload` | `true` | Upload it. |',
        '',
        '| output | description |',
        '| --- | --- |',
        '| `result` | pass or fail. |',
        '',
        '<!-- /generated -->',
        '',
        'After.',
        '',
      ].join('\n'),
    );
  });

  it('writes the config reference: shared section keys once, dotted paths, list items one level deep, long enums summarised', () => {
    const common = { enabled: { type: 'boolean', default: true, description: 'Switch it off.' } };
    const schema = {
      type: 'object',
      properties: {
        version: { type: 'number', const: 1, description: 'The format.' },
        scope: { type: 'string', enum: ['auto', 'all'], description: 'Which findings count.' },
        alpha: {
          type: 'object',
          description: 'The alpha section.',
          properties: {
            ...common,
            rules: {
              type: 'array',
              default: [],
              description: 'Rules.',
              items: {
                type: 'object',
                required: ['id'],
                properties: {
                  id: { type: 'string', description: 'Its id.' },
                  when: { type: 'object', properties: { cel: { type: 'string', description: 'A CEL expression.' } } },
                  cases: {
                    type: 'array',
                    description: 'Examples.',
                    items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, line: { type: 'integer' } } },
                  },
                },
              },
            },
          },
        },
        beta: {
          type: 'object',
          description: 'The beta section.',
          properties: {
            ...common,
            ecosystem: { type: 'string', enum: ['npm', 'PyPI', 'Go', 'Maven', 'NuGet', 'Pub', 'Hex'], description: 'Which one.' },
            max: { type: 'integer', minimum: 0, maximum: 9007199254740991, description: 'At most (default 5).' },
          },
        },
      },
    };
    const dir = fakeRoot({ 'schemas/devsecops-config.schema.json': JSON.stringify(schema) });
    const readme = '<!-- generated:config-reference -->\n<!-- /generated -->\n';
    expect(docs.renderReadme(readme, dir)).toBe(
      [
        '<!-- generated:config-reference -->',
        '',
        '### Top level',
        '',
        '| key | type | default | description |',
        '| --- | --- | --- | --- |',
        '| `version` | `1` | — | The format. |',
        '| `scope` | `auto` or `all` | — | Which findings count. |',
        '',
        '### Keys of every section',
        '',
        "`alpha` and `beta` each take these keys (`<section>` is the section's name).",
        '',
        '| key | type | default | description |',
        '| --- | --- | --- | --- |',
        '| `<section>.enabled` | boolean | `true` | Switch it off. |',
        '',
        '### `alpha`',
        '',
        'The alpha section.',
        '',
        '| key | type | default | description |',
        '| --- | --- | --- | --- |',
        '| `alpha.rules` | list of objects | — | Rules. |',
        '| `alpha.rules[].id` | string (required) | — | Its id. |',
        '| `alpha.rules[].when` | object | — |  |',
        '| `alpha.rules[].when.cel` | string | — | A CEL expression. |',
        '| `alpha.rules[].cases` | list of objects | — | Examples. Each item takes `name` (required), `line`. |',
        '',
        '### `beta`',
        '',
        'The beta section.',
        '',
        '| key | type | default | description |',
        '| --- | --- | --- | --- |',
        '| `beta.ecosystem` | one of 7 (`npm`, `PyPI`, `Go`, …) | — | Which one. |',
        '| `beta.max` | integer ≥ 0 | see description | At most (default 5). |',
        '',
        '<!-- /generated -->',
        '',
      ].join('\n'),
    );
  });

  it('names each stale region in check mode, with the line and the first difference', () => {
    const dir = fakeRoot({ 'actions/fake/action.yml': FAKE_ACTION, 'actions/other/action.yml': 'inputs:\n  a:\n    description: A.\n' });
    const fresh = docs.renderReadme('<!-- generated:action-inputs other -->\n<!-- /generated -->\n\n<!-- generated:action-inputs fake -->\n<!-- /generated -->\n', dir);
    const stale = fresh.replace('| `upload` | `true` | Upload it. |', '| `upload` | `false` | Upload it. |');
    expect(docs.findStaleRegions(fresh, dir)).toEqual([]);
    expect(docs.findStaleRegions(stale, dir)).toEqual([
      {
        label: 'action-inputs fake',
        line: 19,
        hint: 'expected "| `upload` | `true` | Upload it. |", found "| `upload` | `false` | Upload it. |"',
      },
    ]);
    expect(stale.split('\n')[18]).toBe('| `upload` | `false` | Upload it. |');
  });

  it('leaves the all-in-one action region alone until action.yml exists at the root, then fills it', () => {
    const readme = '<!-- generated:action-inputs devsecops -->\nkept\n<!-- /generated -->\n';
    expect(docs.renderReadme(readme, fakeRoot({}))).toBe(readme);
    const dir = fakeRoot({ 'action.yml': 'outputs:\n  result:\n    description: pass or fail.\n' });
    expect(docs.renderReadme(readme, dir)).toBe(
      '<!-- generated:action-inputs devsecops -->\n\n| output | description |\n| --- | --- |\n| `result` | pass or fail. |\n\n<!-- /generated -->\n',
    );
  });

  it('rejects a region for an action that does not exist, or one that is never closed, naming the README line', () => {
    const dir = fakeRoot({});
    expect(() => docs.renderReadme('text\n<!-- generated:action-inputs nope -->\n<!-- /generated -->\n', dir)).toThrow(
      'README.md:2: no actions/nope/action.yml for action-inputs nope',
    );
    expect(() => docs.renderReadme('<!-- generated:config-reference -->\n', dir)).toThrow(
      'README.md:1: generated region "config-reference" is not closed with <!-- /generated -->',
    );
    expect(() => docs.renderReadme('<!-- generated:changelog -->\n<!-- /generated -->\n', dir)).toThrow(
      'README.md:1: unknown generated region "changelog" (expected action-inputs or config-reference)',
    );
  });
});
