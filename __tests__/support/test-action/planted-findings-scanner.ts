import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Scanner } from '../../../src/core/action/scanner.js';
import { findingSchema, ruleDescriptorSchema, type Finding } from '../../../src/core/findings.js';
import { addedLines } from '../../../src/core/git/diff.js';
import { walkWorkspace } from '../../../src/core/workspace/walk.js';

/** Where a test workspace plants the findings the scanner "finds". */
export const PLANTED_FINDINGS_FILE = '.devsecops-test/findings.json';
const MAX_FILE_BYTES = 64 * 1024;

/**
 * Reports planted findings as a real scanner would: only those on added lines
 * when the scope is a change (marked new), every one otherwise, plus the files
 * the workspace walk had to skip.
 */
export const plantedFindingsScanner: Scanner = {
  id: 'test-scan',
  title: 'Test scan',
  configSection: 'secrets',
  defaultFailOn: 'high',
  async scan(request) {
    const planted = JSON.parse(readFileSync(path.join(request.root, PLANTED_FINDINGS_FILE), 'utf8')) as {
      rules: unknown[];
      findings: unknown[];
    };
    const rules = planted.rules.map((r) => ruleDescriptorSchema.parse(r));
    let findings: Finding[] = planted.findings.map((f) => findingSchema.parse(f));
    if (request.scope.kind === 'changes') {
      const added = await addedLines(request.repoRoot, request.scope.base, request.scope.head);
      findings = findings
        .filter((f) => {
          const ranges = f.location ? added.get(f.location.path) : undefined;
          return ranges?.some((r) => f.location!.startLine >= r.start && f.location!.startLine <= r.end) ?? false;
        })
        .map((f) => ({ ...f, isNew: true }));
    }
    const walk = await walkWorkspace({ root: request.root, maxFileBytes: MAX_FILE_BYTES, logger: request.logger });
    return {
      rules,
      findings,
      skipped: walk.skipped,
      baselineCompared: request.scope.kind === 'changes',
      executionSuccessful: true,
      notes: [],
    };
  },
};
