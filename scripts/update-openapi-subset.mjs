#!/usr/bin/env node
// Regenerates __tests__/fixtures/github-openapi/: the few operations of GitHub's
// REST API that the suite calls, cut from GitHub's official OpenAPI description
// as published in the npm package @octokit/openapi. The package is ~385 MB
// unpacked, so it is never a dependency: it is installed into a throw-away
// folder, read once and deleted.
//
//   node scripts/update-openapi-subset.mjs                 # the pinned version
//   node scripts/update-openapi-subset.mjs --version 23.1.0
//   node scripts/update-openapi-subset.mjs --from /tmp/x   # reuse an install (a --prefix folder)
//
// The API double (__tests__/support/api-double.ts) validates every request
// against this subset, so an operation the suite starts to call must be added
// to OPERATIONS below before its tests can pass.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@octokit/openapi';
const PINNED_VERSION = '23.0.2';
/** The dereferenced variant: every `$ref` already inlined, so the subset is self-contained. */
const DESCRIPTION_FILE = 'generated/api.github.com.deref.json';

/** [method, path, why the suite calls it]. */
const OPERATIONS = [
  ['post', '/repos/{owner}/{repo}/code-scanning/sarifs', 'SARIF upload'],
  ['get', '/repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}', 'SARIF processing status'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 'find the sticky PR comment'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 'create the sticky PR comment'],
  ['patch', '/repos/{owner}/{repo}/issues/comments/{comment_id}', 'update the sticky PR comment'],
  ['get', '/user', 'our own login, to recognise our comment'],
  ['post', '/repos/{owner}/{repo}/dependency-graph/snapshots', 'sbom action: dependency submission'],
  ['get', '/repos/{owner}/{repo}/code-scanning/alerts', 'policy gate: open alerts'],
  ['patch', '/repos/{owner}/{repo}/code-scanning/alerts/{alert_number}', 'policy gate: dismiss an alert'],
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, '__tests__/fixtures/github-openapi');

/** Keys that carry prose or samples only; dropping them keeps the fixture small and ajv strict-clean. */
const DROPPED_KEYS = new Set(['description', 'example', 'examples', 'externalDocs', 'readOnly', 'writeOnly', 'deprecated']);

function parseArgs(argv) {
  const args = { version: PINNED_VERSION, from: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--version') args.version = argv[++i];
    else if (arg === '--from') args.from = argv[++i];
    else throw new Error(`Unknown argument ${arg}. Expected --version <semver> or --from <folder>.`);
  }
  if (!args.version) throw new Error('--version needs a value, e.g. --version 23.0.2');
  return args;
}

/** Removes prose, samples and vendor extensions from a schema, recursively. */
function stripSchema(value) {
  if (Array.isArray(value)) return value.map(stripSchema);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, child] of Object.entries(value)) {
    if (DROPPED_KEYS.has(key) || key.startsWith('x-')) continue;
    // `properties` maps names to schemas: a property may itself be called "description".
    if (key === 'properties' && child && typeof child === 'object') {
      out.properties = Object.fromEntries(Object.entries(child).map(([name, schema]) => [name, stripSchema(schema)]));
      continue;
    }
    out[key] = stripSchema(child);
  }
  return out;
}

function jsonSchemaOf(content) {
  const media = content?.['application/json'] ?? content?.['application/scim+json'];
  return media?.schema ? stripSchema(media.schema) : undefined;
}

function subsetOperation(operation) {
  const out = {
    operationId: operation.operationId,
    summary: operation.summary,
    parameters: (operation.parameters ?? []).map((p) => ({
      name: p.name,
      in: p.in,
      ...(p.required ? { required: true } : {}),
      schema: stripSchema(p.schema),
    })),
    responses: {},
  };
  if (operation.requestBody) {
    out.requestBody = {
      required: Boolean(operation.requestBody.required),
      content: { 'application/json': { schema: jsonSchemaOf(operation.requestBody.content) } },
    };
  }
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const schema = jsonSchemaOf(response.content);
    out.responses[status] = {
      // OpenAPI requires a description on a response; GitHub's say *when* a status happens.
      description: response.description ?? '',
      ...(schema ? { content: { 'application/json': { schema } } } : {}),
    };
  }
  return out;
}

function installPackage(version) {
  const prefix = mkdtempSync(path.join(os.tmpdir(), 'octokit-openapi-'));
  console.log(`Installing ${PACKAGE}@${version} into ${prefix} (large download)…`);
  execFileSync(
    'npm',
    ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', prefix, `${PACKAGE}@${version}`],
    { stdio: 'inherit' },
  );
  return prefix;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const prefix = args.from ?? installPackage(args.version);
  try {
    const packageDir = path.join(prefix, 'node_modules', PACKAGE);
    const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
    const description = JSON.parse(readFileSync(path.join(packageDir, DESCRIPTION_FILE), 'utf8'));
    const paths = {};
    for (const [method, route] of OPERATIONS) {
      const operation = description.paths?.[route]?.[method];
      if (!operation) throw new Error(`${method.toUpperCase()} ${route} is not in ${PACKAGE}@${manifest.version}.`);
      paths[route] ??= {};
      paths[route][method] = subsetOperation(operation);
    }
    const subset = {
      openapi: description.openapi,
      info: {
        title: `Subset of GitHub's REST API description (api.github.com) used by devsecops-actions`,
        version: description.info.version,
        license: { name: 'MIT', url: 'https://spdx.org/licenses/MIT' },
        'x-source': {
          package: PACKAGE,
          version: manifest.version,
          file: DESCRIPTION_FILE,
          regenerate: 'node scripts/update-openapi-subset.mjs',
        },
      },
      paths,
    };
    mkdirSync(outDir, { recursive: true });
    const json = `${JSON.stringify(subset, null, 1)}\n`;
    writeFileSync(path.join(outDir, 'api.github.com.subset.json'), json);
    writeFileSync(path.join(outDir, 'README.md'), renderReadme(manifest.version));
    console.log(`Wrote ${OPERATIONS.length} operations (${Math.round(json.length / 1024)} KiB) to ${path.relative(root, outDir)}/.`);
  } finally {
    if (!args.from) rmSync(prefix, { recursive: true, force: true });
  }
}

function renderReadme(version) {
  const rows = OPERATIONS.map(([method, route, why]) => `| \`${method.toUpperCase()} ${route}\` | ${why} |`).join('\n');
  return `# GitHub REST API description (subset)

\`api.github.com.subset.json\` holds the operations of GitHub's REST API that
devsecops-actions calls, with their parameters, request body schemas and
response schemas. The API double (\`__tests__/support/api-double.ts\`) checks
every request the tests make against it, so a body GitHub would reject fails
the tests here first.

- Source: the npm package [\`${PACKAGE}\`](https://www.npmjs.com/package/${PACKAGE}),
  version **${version}**, file \`${DESCRIPTION_FILE}\` (GitHub's official
  description from [github/rest-api-description](https://github.com/github/rest-api-description),
  with every \`$ref\` already inlined).
- Licence: **MIT** (the package's licence; GitHub publishes the description under MIT as well).
- Changes made: only the operations below are kept; \`description\`, \`example(s)\`,
  \`externalDocs\`, \`readOnly\`, \`writeOnly\`, \`deprecated\` and \`x-*\` keys are
  removed. Nothing else is edited — do not edit the JSON by hand.

| Operation | Why the suite calls it |
|---|---|
${rows}

## Regenerate

\`\`\`sh
node scripts/update-openapi-subset.mjs               # the version pinned in the script
node scripts/update-openapi-subset.mjs --version X.Y.Z
\`\`\`

The script installs the package into a temporary folder
(\`npm install --no-save --prefix <tmp>\`; it is ~385 MB unpacked and never a
dependency of this project), writes this folder and deletes the temporary one.
To call a new endpoint, add it to \`OPERATIONS\` in the script and regenerate.
`;
}

main();
