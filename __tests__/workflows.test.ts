import { describe, expect, it } from '@jest/globals';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, parse, parseDocument, type Scalar, type YAMLMap } from 'yaml';
import { ACTION_REF, ACTION_REPOSITORY, renderStarterWorkflow } from '../src/cli/init-templates.js';

/**
 * The example workflows and the one `devsecops init` writes, checked with
 * GitHub's own workflow parser (@actions/workflow-parser, the parser behind
 * the Actions language service), then against the permission rules the
 * files document:
 * - the workflow grants nothing (`{}`) or only `contents: read`; each job
 *   lists its own permissions, never `write-all`/`read-all`;
 * - a job has `contents: read` (it checks out the code), and a write
 *   permission only for a feature one of its steps uses:
 *   `security-events: write` for a code-scanning upload or alert dismissal,
 *   `pull-requests: write` for the PR comment on a pull_request workflow,
 *   `contents: write` only for dependency snapshot submission by the sbom
 *   action or for `gh release upload`; and every feature used has its permission;
 * - every permission line carries a comment saying why.
 */

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples', 'workflows');

/** The root action's inputs until its action.yml exists: the common ones plus `scanners` and `policy`. */
const ROOT_ACTION_DOCUMENTED_INPUTS = ['token', 'path', 'config', 'upload-sarif', 'comment', 'annotations', 'fail-on-severity', 'scope', 'scanners', 'policy'];

async function workflowErrors(name: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0 || !parsed.value) return errors.length > 0 ? errors : [`${name}: nothing parsed`];
  // The conversion finds what the schema cannot: cron syntax, job dependencies, duplicate step ids.
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return (template.errors ?? []).map((error) => error.Message);
}

type Feature = 'code-scanning upload' | 'alert dismissal' | 'pull request comment' | 'dependency snapshot' | 'release assets';

const PERMISSION_FOR: Record<Feature, string> = {
  'code-scanning upload': 'security-events',
  'alert dismissal': 'security-events',
  'pull request comment': 'pull-requests',
  'dependency snapshot': 'contents',
  'release assets': 'contents',
};

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

/** Our action a `uses:` names: `root` for the all-in-one action, else the folder under actions/. */
function ourAction(uses: string | undefined): { name: string; ref: string } | undefined {
  if (!uses?.startsWith(ACTION_REPOSITORY)) return undefined;
  const match = /^(?:\/actions\/([a-z-]+))?@(.+)$/.exec(uses.slice(ACTION_REPOSITORY.length));
  if (!match) return { name: '?', ref: '' };
  return { name: match[1] ?? 'root', ref: match[2]! };
}

const input = (step: Step, key: string): string | undefined => (step.with?.[key] === undefined ? undefined : String(step.with[key]));

function featuresOf(steps: Step[], events: string[]): Set<Feature> {
  const features = new Set<Feature>();
  const onPullRequest = events.includes('pull_request');
  for (const step of steps) {
    const action = ourAction(step.uses);
    if (action && ['root', 'secrets-scan', 'dependency-audit'].includes(action.name)) {
      if (input(step, 'upload-sarif') !== 'false') features.add('code-scanning upload');
      if (onPullRequest && input(step, 'comment') !== 'false') features.add('pull request comment');
    }
    if (action?.name === 'policy-gate') {
      if (onPullRequest && input(step, 'comment') !== 'false') features.add('pull request comment');
      if (input(step, 'dismiss-alerts') === 'true') features.add('alert dismissal');
    }
    if (action?.name === 'sbom' && input(step, 'dependency-snapshot') === 'true') features.add('dependency snapshot');
    if (step.run?.includes('gh release upload')) features.add('release assets');
  }
  return features;
}

/** Everything wrong with the permissions of a workflow, as one line each; empty when they follow the rules above. */
function permissionProblems(text: string): string[] {
  const problems: string[] = [];
  const doc = parseDocument(text);
  const workflow = doc.toJS() as { on: unknown; permissions?: unknown; jobs: Record<string, { permissions?: unknown; steps?: Step[] }> };
  const events = typeof workflow.on === 'string' ? [workflow.on] : Array.isArray(workflow.on) ? workflow.on.map(String) : Object.keys(workflow.on as object);

  const top = workflow.permissions;
  const topOk = top !== null && typeof top === 'object' && Object.entries(top).every(([scope, level]) => scope === 'contents' && level === 'read');
  if (!topOk) problems.push(`workflow permissions: expected {} or { contents: read }, got ${JSON.stringify(top)}`);

  for (const [id, job] of Object.entries(workflow.jobs)) {
    const granted = job.permissions;
    if (granted === null || typeof granted !== 'object') {
      problems.push(`jobs.${id}.permissions: expected a mapping of scopes, got ${JSON.stringify(granted)}`);
      continue;
    }
    const features = featuresOf(job.steps ?? [], events);
    const needed = new Set([...features].map((feature) => PERMISSION_FOR[feature]));
    const levels = granted as Record<string, string>;
    if (levels['contents'] !== 'read' && levels['contents'] !== 'write') problems.push(`jobs.${id}: expected contents: read`);
    for (const [scope, level] of Object.entries(levels)) {
      if (level === 'write' && !needed.has(scope)) problems.push(`jobs.${id}: ${scope}: write is not needed by any step`);
      if (level !== 'write' && !(scope === 'contents' && level === 'read')) problems.push(`jobs.${id}: ${scope}: ${level} is not needed`);
    }
    for (const feature of features) {
      if (levels[PERMISSION_FOR[feature]] !== 'write') problems.push(`jobs.${id}: the ${feature} needs ${PERMISSION_FOR[feature]}: write`);
    }
    const node = doc.getIn(['jobs', id, 'permissions'], true);
    for (const pair of isMap(node) ? (node as YAMLMap<Scalar, Scalar>).items : []) {
      const comment = isScalar(pair.value) ? pair.value.comment?.trim() : undefined;
      if (!comment) problems.push(`jobs.${id}.permissions.${String(pair.key.value)}: no comment saying why`);
    }
  }
  return problems;
}

/** Problems with the references to our actions: unknown action, unpinned ref, undeclared input. */
function actionReferenceProblems(text: string): string[] {
  const problems: string[] = [];
  const workflow = parse(text) as { jobs: Record<string, { steps?: Step[] }> };
  for (const [id, job] of Object.entries(workflow.jobs)) {
    for (const [index, step] of (job.steps ?? []).entries()) {
      const where = `jobs.${id}.steps[${index}]`;
      if (step.uses && !/@[^@\s]+$/.test(step.uses)) problems.push(`${where}: ${step.uses} is not pinned to a ref`);
      const action = ourAction(step.uses);
      if (!action) continue;
      if (action.ref !== ACTION_REF && !/^[0-9a-f]{40}$/.test(action.ref)) problems.push(`${where}: pin @${ACTION_REF} or a full commit SHA, not @${action.ref}`);
      const actionFile = action.name === 'root' ? path.join(REPO_ROOT, 'action.yml') : path.join(REPO_ROOT, 'actions', action.name, 'action.yml');
      let declared: string[];
      if (existsSync(actionFile)) {
        declared = Object.keys((parse(readFileSync(actionFile, 'utf8')) as { inputs?: object }).inputs ?? {});
      } else if (action.name === 'root') {
        declared = ROOT_ACTION_DOCUMENTED_INPUTS;
      } else {
        problems.push(`${where}: no action ${action.name}`);
        continue;
      }
      for (const key of Object.keys(step.with ?? {})) {
        if (!declared.includes(key)) problems.push(`${where}: ${action.name} has no input ${key}`);
      }
    }
  }
  return problems;
}

/** Jobs that compare a change with its base, or read the history, must check out the whole history. */
function fetchDepthProblems(text: string): string[] {
  const problems: string[] = [];
  const workflow = parse(text) as { on: unknown; jobs: Record<string, { steps?: Step[] }> };
  const events = typeof workflow.on === 'string' ? [workflow.on] : Object.keys(workflow.on as object);
  const comparesChanges = events.includes('pull_request') || events.includes('push');
  for (const [id, job] of Object.entries(workflow.jobs)) {
    const steps = job.steps ?? [];
    const needsHistory = steps.some((step) => {
      const action = ourAction(step.uses);
      if (!action) return false;
      if (input(step, 'scan-history') === 'true') return true;
      return comparesChanges && ['root', 'secrets-scan', 'dependency-audit'].includes(action.name) && input(step, 'scope') !== 'all';
    });
    const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    if (needsHistory && input(checkout ?? {}, 'fetch-depth') !== '0') problems.push(`jobs.${id}: compares with history but does not check out with fetch-depth: 0`);
  }
  return problems;
}

const EXAMPLES = readdirSync(EXAMPLES_DIR)
  .filter((name) => name.endsWith('.yml'))
  .sort();

const STARTERS = [
  { name: 'init, default branch main', text: renderStarterWorkflow({ defaultBranch: 'main', today: '2026-01-15' }) },
  { name: 'init, default branch release/2.x', text: renderStarterWorkflow({ defaultBranch: 'release/2.x', today: '2026-01-15' }) },
];

const ALL = [
  ...EXAMPLES.map((name) => ({ name: `examples/workflows/${name}`, text: readFileSync(path.join(EXAMPLES_DIR, name), 'utf8') })),
  ...STARTERS,
];

describe('example workflows and the init workflow', () => {
  it('are the four documented examples', () => {
    expect(EXAMPLES).toEqual(['nightly-full-history.yml', 'pull-request.yml', 'push-main.yml', 'release-sbom.yml']);
  });

  it.each(ALL)("$name parses without errors with GitHub's workflow parser", async ({ name, text }) => {
    expect(await workflowErrors(name, text)).toEqual([]);
  });

  it.each(ALL)('$name asks for the least permissions, each with a comment', ({ text }) => {
    expect(permissionProblems(text)).toEqual([]);
  });

  it.each(ALL)('$name references our actions pinned, with inputs they declare', ({ text }) => {
    expect(actionReferenceProblems(text)).toEqual([]);
  });

  it.each(ALL)('$name checks out the whole history where a change is compared or the history is read', ({ text }) => {
    expect(fetchDepthProblems(text)).toEqual([]);
  });

  it('grants contents: write only to the jobs that submit dependency snapshots or attach release assets', () => {
    const writers = ALL.flatMap(({ name, text }) =>
      Object.entries((parse(text) as { jobs: Record<string, { permissions?: Record<string, string> }> }).jobs)
        .filter(([, job]) => job.permissions?.['contents'] === 'write')
        .map(([id]) => `${name}: ${id}`),
    );
    expect(writers).toEqual(['examples/workflows/push-main.yml: dependency-graph', 'examples/workflows/release-sbom.yml: sbom']);
  });

  it('the init workflow runs the all-in-one action on pull requests, pushes to the default branch and weekly over everything', () => {
    const workflow = parse(STARTERS[1]!.text) as {
      on: { push: { branches: string[] }; schedule: { cron: string }[]; pull_request: null };
      jobs: { devsecops: { steps: Step[] } };
    };
    expect(workflow.on.push.branches).toEqual(['release/2.x']);
    expect(workflow.on.schedule).toEqual([{ cron: '23 4 * * 1' }]);
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch']);
    expect(workflow.jobs.devsecops.steps[1]).toEqual({
      uses: `${ACTION_REPOSITORY}@${ACTION_REF}`,
      with: { scanners: 'secrets,dependencies,sbom', policy: true, scope: "${{ github.event_name == 'schedule' && 'all' || 'auto' }}" },
    });
  });
});

describe('the checks themselves', () => {
  const VALID = readFileSync(path.join(EXAMPLES_DIR, 'push-main.yml'), 'utf8');

  it("GitHub's parser reports a misspelt permission level and a bad cron", async () => {
    const broken = VALID.replace('security-events: write', 'security-events: wrte');
    expect(await workflowErrors('broken.yml', broken)).toEqual(["broken.yml (Line: 20, Col: 24): Unexpected value 'wrte'"]);
    const badCron = 'on:\n  schedule:\n    - cron: "61 3 * * *"\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n';
    expect(await workflowErrors('cron.yml', badCron)).toEqual([
      "cron.yml (Line: 3, Col: 13): Invalid cron expression. Expected format: '* * * * *' (minute hour day month weekday)",
    ]);
  });

  it('the permission rules reject write-all, an unneeded write, a missing one and a line without a comment', () => {
    expect(permissionProblems(VALID.replace('permissions: {}', 'permissions: write-all'))).toEqual([
      'workflow permissions: expected {} or { contents: read }, got "write-all"',
    ]);
    expect(permissionProblems(VALID.replace('dependency-snapshot: true ', 'dependency-snapshot: false'))).toEqual([
      'jobs.dependency-graph: contents: write is not needed by any step',
    ]);
    expect(permissionProblems(VALID.replace(/ {6}security-events: write.*\n/, ''))).toEqual([
      'jobs.scan: the code-scanning upload needs security-events: write',
    ]);
    expect(permissionProblems(VALID.replace('contents: read          # read the code (actions/checkout)', 'contents: read'))).toEqual([
      'jobs.scan.permissions.contents: no comment saying why',
    ]);
  });

  it('the reference rules reject an unknown input, an unknown action and a branch ref', () => {
    const text = VALID.replace('upload-artifact: false', 'upload-artifacts: false')
      .replace('actions/sbom@v1', 'actions/sbom@main')
      .replace(`${ACTION_REPOSITORY}@v1`, `${ACTION_REPOSITORY}/actions/everything@v1`);
    expect(actionReferenceProblems(text)).toEqual([
      'jobs.scan.steps[1]: no action everything',
      'jobs.dependency-graph.steps[1]: pin @v1 or a full commit SHA, not @main',
      'jobs.dependency-graph.steps[1]: sbom has no input upload-artifacts',
    ]);
  });

  it('the history rule rejects a comparing scan on a shallow clone', () => {
    expect(fetchDepthProblems(VALID.replace('fetch-depth: 0', 'fetch-depth: 1'))).toEqual([
      'jobs.scan: compares with history but does not check out with fetch-depth: 0',
    ]);
  });
});
