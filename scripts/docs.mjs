// Regenerates the marked regions of README.md from the sources of truth, so
// the reference cannot drift from what the runner and the config loader read:
//   <!-- generated:action-inputs NAME -->   inputs and outputs of actions/NAME/action.yml
//                                           (NAME devsecops: the action.yml at the root)
//   <!-- generated:config-reference -->     every key of schemas/devsecops-config.schema.json
// each closed by <!-- /generated -->.
//   node scripts/docs.mjs          rewrite README.md
//   node scripts/docs.mjs --check  exit 1 naming every region that differs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const README_FILE = 'README.md';
export const CONFIG_SCHEMA_FILE = 'schemas/devsecops-config.schema.json';
/** The all-in-one action lives at the repository root, so `uses: owner/repo@v1` finds it. */
export const ROOT_ACTION_NAME = 'devsecops';

const START_MARKER = /^<!-- generated:([a-z-]+)(?: (\S+))? -->$/;
const END_MARKER = '<!-- /generated -->';
/** Enums longer than this are summarised: a union of ecosystems or licences would bury the table. */
const MAX_ENUM_LISTED = 6;
/** An earlier object shares its keys with a later one only when it has at least this many. */
const MIN_SHARED_KEYS = 3;

// ---------------------------------------------------------------- markdown

/** Text for one table cell: a `|` would end the cell and a newline the row. */
export function escapeCell(text) {
  return String(text).replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

/**
 * Plain text from action.yml or the schema as Markdown: globs ("**", "*.min.js")
 * must not turn into emphasis, nor "<ecosystem>" into an HTML tag. Code spans
 * the text already has are kept as they are (escapes do not work inside them).
 */
export function escapeMarkdown(text) {
  return String(text)
    .split(/(`+[^`]*`+)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/[*<]|(?<!\w)_|_(?!\w)/g, (char) => `\\${char}`)))
    .join('');
}

/** A code span that survives backticks in its text (CommonMark: a longer fence). */
function codeSpan(text) {
  const runs = String(text).match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((run) => run.length)) + 1);
  const pad = fence.length > 1 ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function table(header, rows) {
  const line = (cells) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `a`, `a or b`, `a, b or c` (with `and` for lists of things that all apply). */
function joinWords(items, word = 'or') {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}

/** Whether a description states the default itself (the inputs whose default the config file may set). */
function mentionsDefault(description) {
  return /\bdefault\b/i.test(description ?? '');
}

// ---------------------------------------------------------------- action.yml

/**
 * The inputs and outputs tables of one action.yml. Inputs the config file can
 * also set have no action.yml default on purpose (the runner would fill it in
 * and hide whether the user set it; see src/core/inputs/common.ts), so their
 * description carries the default and the table says so.
 */
export function renderActionTables(actionYmlText, label) {
  let action;
  try {
    action = parseYaml(actionYmlText);
  } catch (error) {
    throw new Error(`${label}: not valid YAML: ${error.message.split('\n')[0]}`, { cause: error });
  }
  if (action === null || typeof action !== 'object') throw new Error(`${label}: expected a mapping with inputs and outputs`);
  const inputs = Object.entries(action.inputs ?? {}).map(([name, input]) => {
    const spec = input ?? {};
    const given = spec.default === undefined || spec.default === null ? '' : String(spec.default);
    let shown;
    if (given !== '') shown = codeSpan(given);
    else if (mentionsDefault(spec.description)) shown = 'see description';
    else shown = spec.required === true ? 'required' : '—';
    return [codeSpan(name), shown, escapeMarkdown(spec.description ?? '')];
  });
  const outputs = Object.entries(action.outputs ?? {}).map(([name, output]) => [codeSpan(name), escapeMarkdown(output?.description ?? '')]);
  const parts = [];
  if (inputs.length > 0) parts.push(table(['input', 'default', 'description'], inputs));
  if (outputs.length > 0) parts.push(table(['output', 'description'], outputs));
  return parts.join('\n\n');
}

function actionFile(root, name) {
  const relative = name === ROOT_ACTION_NAME ? 'action.yml' : `actions/${name}/action.yml`;
  return { relative, absolute: path.join(root, relative) };
}

// ---------------------------------------------------------------- JSON Schema

function isObjectNode(node) {
  return node?.type === 'object' && node.properties !== undefined;
}

function isListOfObjects(node) {
  return node?.type === 'array' && isObjectNode(node.items);
}

function describeEnum(values) {
  const shown = values.map((value) => codeSpan(value));
  if (values.length <= MAX_ENUM_LISTED) return joinWords(shown);
  return `one of ${values.length} (${shown.slice(0, 3).join(', ')}, …)`;
}

const LARGEST_SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

function describeRange(node) {
  const min = node.minimum;
  const max = node.maximum === LARGEST_SAFE_INTEGER ? undefined : node.maximum;
  if (min !== undefined && max !== undefined) return ` ${min}–${max}`;
  if (node.exclusiveMinimum !== undefined) return ` > ${node.exclusiveMinimum}`;
  if (min !== undefined) return ` ≥ ${min}`;
  if (max !== undefined) return ` ≤ ${max}`;
  return '';
}

/** A short type for a schema node: what a person writes, not every constraint. */
export function describeType(node) {
  if (node === undefined || node === null) return 'any';
  if (node.const !== undefined) return codeSpan(JSON.stringify(node.const));
  if (Array.isArray(node.enum)) return describeEnum(node.enum);
  const union = node.anyOf ?? node.oneOf;
  if (Array.isArray(union)) {
    const types = [...new Set(union.map(describeType))];
    // A listed enum already ends in "x or y": a comma keeps the alternatives apart.
    return types.join(types.some((type) => type.includes(' or ')) ? ', or ' : ' or ');
  }
  switch (node.type) {
    case 'array':
      return isObjectNode(node.items) ? 'list of objects' : `list of ${describeType(node.items)}`;
    case 'object':
      return node.properties === undefined ? 'map' : 'object';
    case 'string':
      return node.format === 'date' ? 'date (YYYY-MM-DD)' : 'string';
    case 'integer':
    case 'number':
      return `${node.type}${describeRange(node)}`;
    default:
      return typeof node.type === 'string' ? node.type : 'any';
  }
}

function isEmptyValue(value) {
  if (Array.isArray(value)) return value.length === 0;
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}

function describeDefault(node) {
  // An empty list or object default only means "none given"; saying so adds nothing.
  if (node.default !== undefined && !isEmptyValue(node.default)) {
    return codeSpan(typeof node.default === 'string' ? node.default : JSON.stringify(node.default));
  }
  return mentionsDefault(node.description) ? 'see description' : '—';
}

function sameSchema(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Rows of one object's keys: nested objects as dotted paths, lists of objects
 * as `key[].child`, one list deep (a list of objects inside a list item only
 * names its keys). An object whose keys include all of an earlier object's
 * says so instead of repeating them (a policy exception's `match` takes every
 * key of a rule's `when`).
 */
function collectRows(node, prefix, state, insideList) {
  const required = new Set(node.required ?? []);
  const rows = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const keyPath = `${prefix}${key}`;
    const type = `${describeType(child)}${required.has(key) ? ' (required)' : ''}`;
    let description = escapeMarkdown(child.description ?? '');
    if (isObjectNode(child)) {
      const shared = findSharedObject(child, state);
      const own = shared ? omitKeys(child, Object.keys(shared.node.properties)) : child;
      if (shared) {
        const more = Object.keys(own.properties).length > 0 ? ', and the ones below' : '';
        description = `${description} Takes every key of ${codeSpan(shared.path)}${more}.`.trim();
      }
      rows.push([codeSpan(keyPath), type, describeDefault(child), description]);
      state.objects.push({ path: keyPath, node: child });
      rows.push(...collectRows(own, `${keyPath}.`, state, insideList));
    } else if (isListOfObjects(child) && !insideList) {
      rows.push([codeSpan(keyPath), type, describeDefault(child), description]);
      state.objects.push({ path: `${keyPath}[]`, node: child.items });
      rows.push(...collectRows(child.items, `${keyPath}[].`, state, true));
    } else if (isListOfObjects(child)) {
      const itemRequired = new Set(child.items.required ?? []);
      const keys = Object.keys(child.items.properties).map((name) => `${codeSpan(name)}${itemRequired.has(name) ? ' (required)' : ''}`);
      description = `${description} Each item takes ${keys.join(', ')}.`.trim();
      rows.push([codeSpan(keyPath), type, describeDefault(child), description]);
    } else {
      rows.push([codeSpan(keyPath), type, describeDefault(child), description]);
    }
  }
  return rows;
}

function findSharedObject(node, state) {
  return state.objects.find(
    (earlier) =>
      Object.keys(earlier.node.properties).length >= MIN_SHARED_KEYS &&
      Object.entries(earlier.node.properties).every(([key, schema]) => sameSchema(node.properties[key], schema)),
  );
}

function omitKeys(node, keys) {
  const properties = Object.fromEntries(Object.entries(node.properties).filter(([key]) => !keys.includes(key)));
  return { ...node, properties, required: (node.required ?? []).filter((key) => !keys.includes(key)) };
}

/** The keys every section declares alike (the common section shape), in the first section's order. */
function findCommonKeys(sections) {
  if (sections.length < 2) return [];
  const [first, ...others] = sections;
  return Object.keys(first.node.properties).filter((key) =>
    others.every((section) => sameSchema(section.node.properties[key], first.node.properties[key])),
  );
}

const CONFIG_HEADER = ['key', 'type', 'default', 'description'];

/**
 * The configuration reference: the top-level keys, the keys every section
 * shares (once), then each section's own keys. A section is a top-level
 * object with more than one key; a small object such as `paths` stays with
 * the top-level keys.
 */
export function renderConfigReference(schema) {
  const top = Object.entries(schema.properties ?? {});
  const isSection = ([, node]) => isObjectNode(node) && Object.keys(node.properties).length > 1;
  const sections = top.filter(isSection).map(([name, node]) => ({ name, node }));
  const common = findCommonKeys(sections);
  const parts = [];

  const topLevel = { type: 'object', properties: Object.fromEntries(top.filter((entry) => !isSection(entry))) };
  parts.push('### Top level', table(CONFIG_HEADER, collectRows(topLevel, '', { objects: [] }, false)));

  if (common.length > 0) {
    const shared = { type: 'object', properties: Object.fromEntries(common.map((key) => [key, sections[0].node.properties[key]])) };
    parts.push(
      '### Keys of every section',
      `${joinWords(sections.map((section) => codeSpan(section.name)), 'and')} each take these keys (\`<section>\` is the section's name).`,
      table(CONFIG_HEADER, collectRows(shared, '<section>.', { objects: [] }, false)),
    );
  }

  for (const section of sections) {
    const own = omitKeys(section.node, common);
    parts.push(`### ${codeSpan(section.name)}`);
    if (section.node.description) parts.push(escapeMarkdown(section.node.description));
    if (Object.keys(own.properties).length > 0) {
      parts.push(table(CONFIG_HEADER, collectRows(own, `${section.name}.`, { objects: [] }, false)));
    }
  }
  return parts.join('\n\n');
}

// ---------------------------------------------------------------- README regions

/** The marked regions of a README: where each starts and ends (line indexes) and what it asks for. */
export function findRegions(text) {
  const lines = text.split('\n');
  const regions = [];
  let open;
  lines.forEach((line, index) => {
    const start = START_MARKER.exec(line);
    if (start) {
      if (open) throw new Error(`${README_FILE}:${index + 1}: a generated region starts inside the one opened on line ${open.start + 1}`);
      open = { kind: start[1], name: start[2], start: index };
    } else if (line === END_MARKER) {
      if (!open) throw new Error(`${README_FILE}:${index + 1}: ${END_MARKER} closes no generated region`);
      regions.push({ ...open, end: index, label: open.name ? `${open.kind} ${open.name}` : open.kind });
      open = undefined;
    }
  });
  if (open) throw new Error(`${README_FILE}:${open.start + 1}: generated region "${open.kind}" is not closed with ${END_MARKER}`);
  return regions;
}

/** What one region should hold, or undefined to leave it as it is (the root action before it exists). */
function renderRegion(region, root) {
  if (region.kind === 'action-inputs') {
    if (!region.name) throw new Error(`${README_FILE}:${region.start + 1}: action-inputs needs an action name`);
    const file = actionFile(root, region.name);
    if (!existsSync(file.absolute)) {
      if (region.name === ROOT_ACTION_NAME) return undefined;
      throw new Error(`${README_FILE}:${region.start + 1}: no ${file.relative} for action-inputs ${region.name}`);
    }
    return renderActionTables(readFileSync(file.absolute, 'utf8'), file.relative);
  }
  if (region.kind === 'config-reference') {
    const schema = JSON.parse(readFileSync(path.join(root, CONFIG_SCHEMA_FILE), 'utf8'));
    return renderConfigReference(schema);
  }
  throw new Error(`${README_FILE}:${region.start + 1}: unknown generated region "${region.kind}" (expected action-inputs or config-reference)`);
}

function regenerate(text, root) {
  const lines = text.split('\n');
  const regions = findRegions(text);
  const results = regions.map((region) => {
    const body = renderRegion(region, root);
    const current = lines.slice(region.start + 1, region.end);
    // A blank line on each side keeps the tables apart from the markers in every Markdown renderer.
    const fresh = body === undefined ? current : ['', ...body.split('\n'), ''];
    return { region, current, fresh };
  });
  const out = [];
  let next = 0;
  for (const { region, fresh } of results) {
    out.push(...lines.slice(next, region.start + 1), ...fresh);
    next = region.end;
  }
  out.push(...lines.slice(next));
  return { text: out.join('\n'), results };
}

/** README text with every generated region rewritten from the files under `root`. */
export function renderReadme(text, root) {
  return regenerate(text, root).text;
}

/** The regions whose text differs from a fresh rendering, each with a one-line hint at the first difference. */
export function findStaleRegions(text, root) {
  return regenerate(text, root)
    .results.filter(({ current, fresh }) => current.join('\n') !== fresh.join('\n'))
    .map(({ region, current, fresh }) => {
      let at = 0;
      while (at < current.length && at < fresh.length && current[at] === fresh[at]) at += 1;
      const line = region.start + 2 + at;
      const hint =
        at >= current.length
          ? `missing: ${JSON.stringify(fresh[at])}`
          : at >= fresh.length
            ? `extra: ${JSON.stringify(current[at])}`
            : `expected ${JSON.stringify(fresh[at])}, found ${JSON.stringify(current[at])}`;
      return { label: region.label, line, hint };
    });
}

function main(argv) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const readmePath = path.join(root, README_FILE);
  const text = readFileSync(readmePath, 'utf8');
  if (argv.includes('--check')) {
    const stale = findStaleRegions(text, root);
    for (const { label, line, hint } of stale) console.error(`${README_FILE}:${line}: region "${label}" is out of date (${hint})`);
    if (stale.length > 0) {
      console.error(`Run "npm run docs" and commit ${README_FILE}.`);
      return 1;
    }
    const count = findRegions(text).length;
    console.log(`${README_FILE}: ${count} generated region${count === 1 ? '' : 's'} up to date.`);
    return 0;
  }
  const fresh = renderReadme(text, root);
  if (fresh !== text) writeFileSync(readmePath, fresh);
  console.log(fresh === text ? `${README_FILE} is up to date.` : `Rewrote the generated regions of ${README_FILE}.`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    // Bad markers or a missing action.yml are the editor's mistake: one line, exit 2 like the CLI.
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  }
}
