import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { createTempRepo, makeTempDir, removeDir } from '../support/temp-repo.js';
import { fakeGitHubToken } from './support/fake-secrets.js';

function quietIo(cwd: string): CliIo {
  return { stdout: { write: () => {}, isTTY: false }, stderr: { write: () => {}, isTTY: false }, env: {}, cwd };
}

const parent = makeTempDir('secrets-scanner-');
afterAll(() => removeDir(parent));

async function scanFindings(files: Record<string, string>): Promise<Array<{ ruleId: string; location: { path: string; startLine: number } }>> {
  const repo = createTempRepo(mkdtempSync(path.join(parent, 'r-')));
  for (const [file, text] of Object.entries(files)) repo.write(file, text);
  repo.commit('files');
  const out = path.join(repo.dir, '..', 'findings.json');
  await runCli(['secrets-scan', repo.dir, '--json', out], quietIo(repo.dir));
  return (JSON.parse(readFileSync(out, 'utf8')) as { findings: Array<{ ruleId: string; location: { path: string; startLine: number } }> }).findings;
}

describe('the secrets scanner', () => {
  it('honours every inline allow form, secretlint blocks included', async () => {
    const t = (seed: string) => fakeGitHubToken(seed);
    const findings = await scanFindings({
      'src/a.js': [
        `const a = "${t('a')}"; // devsecops:allow`,
        `const b = "${t('b')}"; // gitleaks:allow`,
        '// pragma: allowlist nextline secret',
        `const c = "${t('c')}";`,
        '/* secretlint-disable */',
        `const d = "${t('d')}";`,
        '/* secretlint-enable */',
        `const e = "${t('e')}";`,
      ].join('\n'),
    });
    expect(findings.map((f) => `${f.location.path}:${f.location.startLine} ${f.ruleId}`)).toEqual(['src/a.js:8 github-pat-classic']);
  });

  it('reports one finding where a vendor rule and the generic rule see the same token', async () => {
    const findings = await scanFindings({ 'config/app.env': `GITHUB_TOKEN=${fakeGitHubToken('one')}\n` });
    expect(findings.map((f) => f.ruleId)).toEqual(['github-pat-classic']);
  });
});
