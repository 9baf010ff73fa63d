import { DEFAULT_CONFIG_PATH } from '../core/config/schema.js';

/**
 * The files `devsecops init` writes: a starter workflow and a starter config.
 * Plain text rather than serialised objects, because the comments are the
 * point: each permission, option and rule says why it is there.
 */

/**
 * The repository users reference the actions by. `<owner>` is a placeholder
 * until the suite is published (the README keeps it too); replacing it here
 * changes the generated files, and a test keeps the examples equal to it.
 */
export const ACTION_REPOSITORY = '<owner>/devsecops-actions';

/** The major version tag the generated files pin. */
export const ACTION_REF = 'v1';

/** Where the starter workflow goes, relative to the target folder. */
export const STARTER_WORKFLOW_PATH = '.github/workflows/devsecops.yml';

/** Where the starter config goes (the path every action reads by default). */
export const STARTER_CONFIG_PATH = DEFAULT_CONFIG_PATH;

/** How long the example exception lasts: long enough to matter, short enough that it is looked at again. */
export const EXAMPLE_EXCEPTION_DAYS = 90;

/**
 * A branch name the templates can write between single quotes: letters,
 * digits, `.`, `_`, `-` and `/`, not starting with `-`, `.` or `/`. Git
 * allows more, but a name outside this set is rare and would need escaping.
 */
export const BRANCH_NAME = /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/;

export interface InitTemplateOptions {
  /** The branch whose pushes are scanned: the repository's default branch. */
  defaultBranch: string;
  /** Today as YYYY-MM-DD (UTC); the example exception expires EXAMPLE_EXCEPTION_DAYS later. */
  today: string;
}

const DOCS_URL = `https://github.com/${ACTION_REPOSITORY}#readme`;
const EXAMPLES_URL = `https://github.com/${ACTION_REPOSITORY}/blob/${ACTION_REF}/examples/workflows`;
const SCHEMA_URL = `https://raw.githubusercontent.com/${ACTION_REPOSITORY}/${ACTION_REF}/schemas/devsecops-config.schema.json`;

/** `date` (YYYY-MM-DD) plus `days`, as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(time)) throw new RangeError(`Not a date: ${date}`);
  return new Date(time + days * 86_400_000).toISOString().slice(0, 10);
}

function checkBranch(branch: string): string {
  if (!BRANCH_NAME.test(branch)) throw new RangeError(`Not a branch name the templates can write: ${branch}`);
  return branch;
}

/**
 * The starter workflow: the all-in-one action on pull requests, pushes to the
 * default branch and a weekly full scan, with the least permissions each
 * feature needs.
 */
export function renderStarterWorkflow(options: InitTemplateOptions): string {
  const branch = checkBranch(options.defaultBranch);
  return `# Security checks on every change: committed secrets, vulnerable dependencies, an SBOM, and the
# policy gate deciding by the policy in ${STARTER_CONFIG_PATH}. Written by \`devsecops init\`; edit freely.
# Docs: ${DOCS_URL}
name: devsecops

on:
  pull_request:
  push:
    branches: ['${branch}']
  schedule:
    # Weekly (Mondays 04:23 UTC) over everything: advisories keep being published about code that has not changed.
    - cron: '23 4 * * 1'
  workflow_dispatch:

# Nothing for the workflow as a whole: the job below asks for what it uses, no more.
permissions: {}

concurrency:
  # A new push to a pull request replaces its running check; runs of other events all finish.
  group: devsecops-\${{ github.event_name }}-\${{ github.ref }}
  cancel-in-progress: \${{ github.event_name == 'pull_request' }}

jobs:
  devsecops:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    permissions:
      contents: read          # read the code (actions/checkout)
      security-events: write  # upload the findings to code scanning (the Security tab); without it only a warning
      pull-requests: write    # keep one summary comment on the pull request; without it only a warning
      # No contents: write. Only submitting dependency snapshots to GitHub's dependency graph needs it,
      # and ${STARTER_CONFIG_PATH} turns that off (sbom.dependency-snapshot: false) so that pull request
      # code never runs with a token that can push. To submit snapshots, give the sbom action a job of
      # its own on pushes to '${branch}' with contents: write: ${EXAMPLES_URL}/push-main.yml
    steps:
      - uses: actions/checkout@v5
        with:
          # The whole history: a pull request or push is compared with its base commit so that only
          # what it introduces fails, and a shallow clone lacks that commit (the actions would fetch
          # it step by step, which is slower).
          fetch-depth: 0
      # @${ACTION_REF} follows compatible releases; for an immutable pin use the full commit SHA of a
      # release instead, with the version in a comment (…@<40-hex-sha> # v1.2.3).
      - uses: ${ACTION_REPOSITORY}@${ACTION_REF}
        with:
          scanners: secrets,dependencies,sbom
          policy: true
          # The weekly run reports every finding, not only what a change adds.
          scope: \${{ github.event_name == 'schedule' && 'all' || 'auto' }}
`;
}

/**
 * The starter config: every section with its most useful keys, explained.
 * Commented-out settings follow a prose line ending in "For example:" and
 * are valid YAML once uncommented (a test uncomments and parses them).
 */
export function renderStarterConfig(options: InitTemplateOptions): string {
  const expires = addDays(options.today, EXAMPLE_EXCEPTION_DAYS);
  return `# yaml-language-server: $schema=${SCHEMA_URL}
# The devsecops configuration, read by every action of the suite and by the devsecops CLI.
# Written by \`devsecops init\`. Every key is optional; an unknown key is an error, so that a typo
# never switches a check off in silence. Docs: ${DOCS_URL}
version: 1

# Defaults for every section below; a section's own key wins over these, and an action input or
# a CLI flag wins over both.
# The lowest severity that fails a run: critical, high, medium, low, any (every finding) or none.
fail-on-severity: high
# auto: on pull requests and pushes only what the change introduces counts, elsewhere everything.
scope: auto
paths:
  # Never scanned: gitignore-style globs from the repository root.
  ignore:
    - 'vendor/**'

secrets:
  # Any credential fails, whatever its kind: a leaked key is urgent.
  fail-on-severity: any
  # Secrets recorded with \`devsecops secrets-scan --write-baseline .devsecops/secrets-baseline.json\`
  # are reported as known and do not fail; a missing file means no baseline.
  baseline: .devsecops/secrets-baseline.json
  # Rules and allowlists of a .gitleaks.toml (and .gitleaksignore) at the root are imported: auto,
  # a path, or off.
  gitleaks-config: auto
  # Every commit of the history too, not only the files: slow on a big repository, so better in a
  # scheduled workflow with fetch-depth: 0 (${EXAMPLES_URL}/nightly-full-history.yml).
  scan-history: false
  allowlist:
    # Words that mark a placeholder: a match containing one is not reported.
    stopwords: [example, dummy, changeme]
    # Files whose matches are not reported. For example:
    # paths: ['docs/**/*.md']
  # Detectors for credentials of your own, run with the built-in ones. For example:
  # rules:
  #   - id: acme-api-key
  #     description: ACME internal API key
  #     regex: 'acme_[A-Za-z0-9]{32}'
  #     keywords: [acme_]
  #     severity: high

dependencies:
  # Findings at or above high fail (on a pull request, only vulnerabilities it introduces).
  fail-on-severity: high
  # Where advisories come from: osv (the OSV API), or a folder or .zip of OSV JSON records in the
  # repository for runners without internet access.
  advisories: osv
  exclude:
    # Dependency scopes left out of the audit (listed as left out in the report), e.g. [development].
    scopes: []
    # Advisories or packages not reported, each with a reason and an optional expiry date. For example:
    # advisories:
    #   - id: GHSA-29mw-wpgm-hmr9        # or any alias, e.g. CVE-2020-28500
    #     packages: [lodash]
    #     reason: Only trim() on trusted input; the upgrade comes with the build rework.
    #     expires: ${expires}

sbom:
  # cyclonedx-json, spdx-json, or both.
  format: [cyclonedx-json, spdx-json]
  # Byte-identical documents for the same commit: the timestamp is the commit's, the serial
  # number is derived from the content.
  reproducible: true
  # One document per workspace of a monorepo instead of one for the repository.
  per-workspace: false
  # Submitting the dependencies to GitHub's dependency graph needs contents: write, which the starter
  # workflow does not grant to pull request code. Turn it on in a workflow that does:
  # ${EXAMPLES_URL}/release-sbom.yml
  dependency-snapshot: false

policy:
  # enforce: a failing policy fails the run; warn: the same decisions, reported without failing.
  mode: enforce
  # Decides the findings no rule matches: new ones at this severity or worse fail.
  fail-on-severity: high
  # In order: the first rule that matches a finding decides it (fail, warn or ignore).
  rules:
    - id: no-new-high
      when: { severity: high, new: true }           # severity means "this band or worse"
      action: fail
      message: New high-severity findings must be fixed before merge.
    - id: python-injection
      # SARIF of other tools counts too; cel conditions see the finding's fields (see the docs).
      when: { tool: semgrep, cel: 'finding.ruleId.startsWith("python.") && finding.severity >= 5.0' }
      action: fail
    - id: test-code
      when: { path: '**/test/**' }
      action: warn
      message: Fix when you touch the test.
    - id: old-lodash
      when: { package: 'lodash@<4.17.21' }
      action: fail
      message: Upgrade lodash to 4.17.21 or later.
  thresholds:
    - { severity: critical, new: true, max: 0 }   # never a new critical finding
  # Licence lists, checked against the SBOM. For example:
  # licenses:
  #   allow: [MIT, Apache-2.0, BSD-2-Clause, BSD-3-Clause, ISC]
  #   deny: [GPL-3.0-only, AGPL-3.0-only]
  # Findings accepted on purpose: each needs a reason, an owner and the last day it applies.
  exceptions:
    - match: { tool: devsecops, tags: [secret], path: 'test/fixtures/**' }
      reason: Fake credentials the tests need; none of them was ever valid.
      owner: '@your-org/security'
      expires: ${expires}
      dismiss-reason: used in tests
  # Examples the policy must decide as expected: \`devsecops policy-gate --test\` runs them, and so
  # does the policy gate before it decides on real findings.
  tests:
    - name: a new high finding fails
      findings: [{ tool: devsecops, ruleId: GHSA-35jh-r3h4-6jhm, severity: high, new: true, path: package-lock.json }]
      expect: fail
    - name: a medium finding in test code warns
      findings: [{ tool: semgrep, ruleId: javascript.lang.security.insecure-random, severity: medium, path: src/test/random.test.js }]
      expect: warn
    - name: an old lodash fails even when it is not new
      findings: [{ tool: devsecops, ruleId: GHSA-35jh-r3h4-6jhm, severity: high, new: false, package: 'pkg:npm/lodash@4.17.20' }]
      expect: fail
    - name: a fake token in the test fixtures is excepted
      findings: [{ tool: devsecops, ruleId: github-pat-classic, severity: critical, tags: [secret], new: true, path: test/fixtures/token.txt }]
      expect: pass
`;
}
