import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, it, expect } from '@jest/globals';
import { UsageError } from '../../../src/core/errors.js';
import { importGitleaksConfig, locateGitleaksFiles, readGitleaksConfig } from '../../../src/scanners/secrets/workflow/gitleaks-config.js';
import { makeTempDir, removeDir } from '../../support/temp-repo.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/gitleaks.toml', import.meta.url));

describe('importing a .gitleaks.toml', () => {
  const imported = importGitleaksConfig(readFileSync(FIXTURE, 'utf8'), '.gitleaks.toml');

  it('imports its own rules into our custom rule shape, with the Go regex translated', () => {
    const [acme, db] = imported.rules;
    expect(imported.rules.map((r) => r.id)).toEqual(['acme-internal-token', 'acme-db-url']);
    expect(acme).toMatchObject({
      id: 'acme-internal-token',
      description: 'ACME internal service token',
      flags: 'i',
      secretGroup: 1,
      entropy: 3.5,
      keywords: ['acme_live_', 'acme_test_'],
      pathPatterns: [{ source: '\\.(?:env|ya?ml|properties)$', flags: 'i' }],
      origin: '.gitleaks.toml',
    });
    const re = new RegExp(acme!.regex, acme!.flags);
    expect(re.exec('TOKEN=ACME_LIVE_0123456789abcdef0123456789ABCDEF;')?.[1]).toBe('ACME_LIVE_0123456789abcdef0123456789ABCDEF');
    expect(db!.regex).toContain('(?<password>');
    expect(db!.secretGroup).toBe(2);
    expect(new RegExp(db!.regex).exec('postgres://app:s3cretpassw0rd@db.acme.internal/x')?.[2]).toBe('s3cretpassw0rd');
  });

  it("imports a rule's allowlists with their target, condition and stopwords", () => {
    expect(imported.rules[0]?.allowlists).toEqual([
      {
        description: 'documented examples',
        paths: [],
        values: [],
        stopwords: [],
        pathPatterns: [],
        valuePatterns: [
          { source: 'EXAMPLE', flags: '' },
          { source: 'sample', flags: 'i' },
        ],
        commits: [],
        valueTarget: 'line',
        condition: 'or',
      },
      {
        paths: [],
        values: [],
        stopwords: ['dummy'],
        pathPatterns: [{ source: '^test/', flags: '' }],
        valuePatterns: [],
        commits: [],
        valueTarget: 'secret',
        condition: 'and',
      },
    ]);
  });

  it('turns a regex-less rule that tunes a default rule into an allowlist for our equivalent', () => {
    const tuned = imported.allowlists.find((a) => a.ruleIds?.includes('generic-secret-assignment'));
    expect(tuned?.ruleIds).toEqual(['generic-api-key', 'generic-secret-assignment']);
    expect(tuned?.valuePatterns).toEqual([{ source: '^test[_-]key', flags: '' }]);
  });

  it('imports global allowlists, scoping targetRules to the rule and its equivalent', () => {
    const global = imported.allowlists.filter((a) => !a.ruleIds);
    expect(global).toHaveLength(1);
    expect(global[0]?.pathPatterns).toEqual([
      { source: '\\.(?:bmp|gif|jpe?g|png|svg)$', flags: 'i' },
      { source: '(?:^|/)vendor/', flags: '' },
    ]);
    const targeted = imported.allowlists.find((a) => a.ruleIds?.includes('aws-access-token'));
    expect(targeted?.ruleIds).toEqual(['aws-access-token', 'aws-access-key-id']);
    expect(targeted?.commits).toEqual(['7a1c9d0e5b2f4a6c8e0d1b3f5a7c9e1d3b5f7a9c']);
  });

  it('keeps the built-in rules for useDefault and maps disabledRules to ours', () => {
    expect(imported.keepBuiltIns).toBe(true);
    expect(imported.disabledRules).toEqual(['github-pat', 'github-pat-classic', 'generic-password']);
  });

  it('reports, one line each naming the file and rule, what it could not import', () => {
    expect(imported.warnings).toEqual([
      '.gitleaks.toml: rule "pem-file" not imported: rules that report a file by its path alone are not supported',
      '.gitleaks.toml: rule "lazy-token" not imported: its regex the ungreedy flag (?U) has no JavaScript equivalent',
    ]);
  });

  it('replaces the built-ins, as gitleaks does, when the file has rules and no useDefault', () => {
    const own = importGitleaksConfig("[[rules]]\nid = 'x'\nregex = '''x_[a-z]{8}'''\n", 'g.toml');
    expect(own.keepBuiltIns).toBe(false);
    const onlyAllowlist = importGitleaksConfig("[allowlist]\nstopwords = ['example']\n", 'g.toml');
    expect(onlyAllowlist.keepBuiltIns).toBe(true);
    expect(onlyAllowlist.rules).toEqual([]);
  });

  it('reads keys case-insensitively, as gitleaks does through viper', () => {
    const cfg = importGitleaksConfig("[[rules]]\nid = 'x'\nregex = '''(x)_([a-z]{8})'''\nSecretGroup = 2\n[rules.allowlist]\nstopWords = ['demo']\n", 'g.toml');
    expect(cfg.rules[0]?.secretGroup).toBe(2);
    expect(cfg.rules[0]?.allowlists?.[0]?.stopwords).toEqual(['demo']);
  });

  it.each([
    ['[[rules]]\nid = "x"\nregex = \'\'\'a\n', /^bad\.toml:\d+:\d+: not valid TOML: /],
    ['rules = "nope"\n', /^bad\.toml: not a gitleaks config: rules: /],
    ['[[rules]]\nregex = "a"\n', /^bad\.toml: not a gitleaks config: rules\[0\]\.id: /],
    ['[allowlist]\npaths=["a"]\n[[allowlists]]\npaths=["b"]\n', /^bad\.toml: \[allowlist\] and \[\[allowlists\]\] cannot both be used/],
    ['[[allowlists]]\ncondition = "xor"\npaths=["a"]\n', /^bad\.toml: allowlist 1: unknown condition "xor"/],
  ])('a malformed file is one UsageError line naming it: %j', (text, message) => {
    let error: unknown;
    try {
      importGitleaksConfig(text, 'bad.toml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('skips an allowlist entry it cannot translate, which allows less rather than more', () => {
    const cfg = importGitleaksConfig("[[allowlists]]\nregexes = ['''(?U)a+''', '''ok''']\n", 'g.toml');
    expect(cfg.allowlists[0]?.valuePatterns).toEqual([{ source: 'ok', flags: '' }]);
    expect(cfg.warnings[0]).toMatch(/^g\.toml: allowlist 1: the regex "\(\?U\)a\+" is skipped/);
  });
});

describe('finding the gitleaks files of a repository', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('"auto" picks up .gitleaks.toml and .gitleaksignore at the root when present, "off" nothing', async () => {
    expect(await locateGitleaksFiles(dir, 'auto')).toEqual({});
    writeFileSync(join(dir, '.gitleaks.toml'), '');
    writeFileSync(join(dir, '.gitleaksignore'), '');
    expect(await locateGitleaksFiles(dir, 'auto')).toEqual({ config: join(dir, '.gitleaks.toml'), ignore: join(dir, '.gitleaksignore') });
    expect(await locateGitleaksFiles(dir, 'off')).toEqual({});
  });

  it('an explicit path must exist', async () => {
    await expect(locateGitleaksFiles(dir, 'ci/gitleaks.toml')).rejects.toThrow(/^secrets\.gitleaks-config: ci\/gitleaks\.toml does not exist/);
    await expect(readGitleaksConfig(join(dir, 'nope.toml'))).rejects.toThrow(/nope\.toml: could not read the gitleaks config/);
  });
});
