import { describe, it, expect } from '@jest/globals';
import { GENERIC_RULES } from '../../../src/scanners/secrets/rules/generic/index.js';
import { referenceMatches } from '../support/reference-match.js';
import { kept, scan } from '../filters/scan-with-filters.js';

const find = (text: string, path: string) => kept(GENERIC_RULES, text, path);

describe('generic secret assignments: what is reported', () => {
  it.each([
    ['src/client.js', "const apiKey = 'q8Zt3LmV7xK2pR9wN4sJ';", 'q8Zt3LmV7xK2pR9wN4sJ'],
    ['src/config.ts', 'export const AUTH_TOKEN: string = "f9Kq2Lm8Xz4Vp7Rt3Ws";', 'f9Kq2Lm8Xz4Vp7Rt3Ws'],
    ['src/client.ts', "  headers: { 'x-api-key': 'Zt3LmV7xK2pR9wN4sJq8' },", 'Zt3LmV7xK2pR9wN4sJq8'],
    ['app/settings.py', "SECRET_KEY = 'dj4n#x8k2@q9m!v7l3p0w5z1r6t'", 'dj4n#x8k2@q9m!v7l3p0w5z1r6t'],
    ['app/db.py', 'conn = connect(host="db", password="Zx8$Lm3Qp7Vt2Kw9")', 'Zx8$Lm3Qp7Vt2Kw9'],
    ['cmd/main.go', 'const authToken = "f9Kq2Lm8Xz4Vp7Rt3Ws"', 'f9Kq2Lm8Xz4Vp7Rt3Ws'],
    ['cmd/main.go', '\tcfg := Config{Password: "Hx7!qL2m#Vz9pK4w"}', 'Hx7!qL2m#Vz9pK4w'],
    ['src/main/java/App.java', '    private static final String ACCESS_TOKEN = "Xp9Lq2Vm7Kz4Rt8Ws3Nb";', 'Xp9Lq2Vm7Kz4Rt8Ws3Nb'],
    ['lib/client.rb', "  api_key: 'N8vR3kL9qZ2mX7pT4wS',", 'N8vR3kL9qZ2mX7pT4wS'],
    ['lib/client.rb', '  :client_secret => "a1B9cD7eF5gH3iJ1kL9mN7oP",', 'a1B9cD7eF5gH3iJ1kL9mN7oP'],
    ['config/db.php', "    'password' => 'Pq7Rz2Lm9Xv4Kt8W',", 'Pq7Rz2Lm9Xv4Kt8W'],
    ['src/Startup.cs', '        var clientSecret = @"Vq7#Lp2zXm9!Rk4t";', 'Vq7#Lp2zXm9!Rk4t'],
    ['deploy/values.yaml', '  password: "T4k#9mVq2Lp8xZr"', 'T4k#9mVq2Lp8xZr'],
    ['deploy/values.yaml', '  apiToken: Lk8Jh2Gf5Ds9Aq3Wz', 'Lk8Jh2Gf5Ds9Aq3Wz'],
    ['config/app.json', '  "client_secret": "a1B9cD7eF5gH3iJ1kL9mN7oP",', 'a1B9cD7eF5gH3iJ1kL9mN7oP'],
    ['.env', 'DB_PASSWORD=Hx7!qL2m#Vz9pK4w', 'Hx7!qL2m#Vz9pK4w'],
    ['.env.production', 'export GH_PAT=Mn4Bv7Cx2Zl9Kj3Hg  # CI bot', 'Mn4Bv7Cx2Zl9Kj3Hg'],
    ['src/main/resources/application.properties', 'spring.datasource.password=R7tY2uI8oP4aS1dF', 'R7tY2uI8oP4aS1dF'],
    ['conf/app.ini', 'secret_key = Qw8Er3Ty7Ui2Op5As1Df', 'Qw8Er3Ty7Ui2Op5As1Df'],
    ['infra/main.tf', '  master_password = "Zx8$Lm3Qp7Vt2Kw9"', 'Zx8$Lm3Qp7Vt2Kw9'],
    ['Dockerfile', 'ENV REGISTRY_TOKEN=Lk8Jh2Gf5Ds9Aq3Wz', 'Lk8Jh2Gf5Ds9Aq3Wz'],
    ['Dockerfile', 'ARG NPM_TOKEN=Qw8Er3Ty7Ui2Op5As1Df', 'Qw8Er3Ty7Ui2Op5As1Df'],
    ['Dockerfile', 'ENV NPM_TOKEN Qw8Er3Ty7Ui2Op5As1Df', 'Qw8Er3Ty7Ui2Op5As1Df'],
    ['scripts/deploy.sh', 'curl -H "Authorization: Bearer 7Fq2Lm9Xz4Vp8Rt3Ws6Nb1Kd" https://api.internal.example/v1', '7Fq2Lm9Xz4Vp8Rt3Ws6Nb1Kd'],
  ])('%s: %s', (path, line, secret) => {
    expect(find(line, path)).toEqual([secret]);
  });

  it('is low confidence: it never claims more than the shape shows', () => {
    expect(GENERIC_RULES.every((r) => r.confidence === 'low')).toBe(true);
  });
});

describe('generic secret assignments: what is not reported', () => {
  it.each([
    // References and templates.
    ['deploy/values.yaml', 'password: ${DB_PASSWORD}'],
    ['deploy/values.yaml', 'password: "{{ .Values.db.password }}"'],
    ['.github/workflows/ci.yml', '      token: ${{ secrets.GITHUB_TOKEN }}'],
    ['src/config.ts', '  apiKey: process.env.API_KEY,'],
    ['src/config.ts', '  apiKey: import.meta.env.VITE_API_KEY,'],
    ['app/settings.py', 'token = get_token()'],
    ['app/settings.py', 'password = os.environ["DB_PASSWORD"]'],
    ['app/settings.py', "SECRET_KEY = os.getenv('SECRET_KEY', 'dev')"],
    ['app/settings.py', 'api_key = settings.STRIPE_API_KEY'],
    ['cmd/main.go', 'token := os.Getenv("TOKEN")'],
    ['src/App.java', 'String password = System.getenv("DB_PASSWORD");'],
    ['config/db.php', "'password' => env('DB_PASSWORD'),"],
    ['src/client.ts', 'const token = await vault.read(path);'],
    ['src/client.ts', 'this.accessToken = response.access_token;'],
    // Placeholders.
    ['.env.example', 'PASSWORD=changeme'],
    ['.env', 'API_KEY=<your-api-key>'],
    ['.env', 'SECRET_KEY=xxxxxxxxxxxxxxxx'],
    ['deploy/values.yaml', 'password: "********"'],
    ['config/app.json', '"api_key": "YOUR_API_KEY_HERE",'],
    ['config/app.json', '"token": null,'],
    ['config/app.json', '"password": "",'],
    ['deploy/values.yaml', 'auth: true'],
    ['src/config.ts', "const secret = 'dummy-secret-value';"],
    ['README.md', 'export API_TOKEN=your_token_here'],
    ['docker-compose.yml', '      POSTGRES_PASSWORD: example'],
    ['src/config.ts', "const password = 'password123';"],
    // Documented examples.
    ['deploy/aws.ini', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['src/pay.js', "const secretKey = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';"],
    // Hashes, ids, integrity strings, versions, paths, URLs.
    ['app/seed.py', 'secret = "5f4dcc3b5aa765d61d8327deb882cf99"'],
    ['app/seed.py', 'password = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"'],
    ['deploy/values.yaml', 'password: "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"'],
    ['config/app.yaml', 'api_token: 3f2b8c1e-9d4a-4e7b-8c2d-1a5f6e9b0c3d'],
    ['config/app.yaml', 'auth_token: sha512-tY/msAuJo6ARbK6SPIxZrPBms3xPbfwBrulZe0Wtr/DIY9lje2HeV1uoebShn6mx7SjCHif6EjMvoREj+gZ+SA=='],
    ['config/app.yaml', 'token_version: 2.14.3'],
    ['config/app.yaml', 'secret: /run/secrets/db_password'],
    ['config/app.yaml', 'credentials: ./config/credentials-2024.json'],
    ['config/app.yaml', 'auth: https://auth.internal.example/oauth2/token'],
    // Names that are about a secret, not the secret.
    ['src/config.ts', 'const password_reset_url = "https://example.com/reset/Xk82Lm";'],
    ['src/config.ts', 'token_type: "Bearer"'],
    ['src/config.ts', 'PASSWORD_MIN_LENGTH=12'],
    ['src/config.ts', 'const tokenizer = "bert-base-uncased-v2";'],
    ['src/config.ts', 'author = "Jane Doe <jane@example.com>"'],
    ['src/config.ts', 'public_key: "pk_live_51H8aBcDeFgHiJkLmNoPqRsT"'],
    ['src/config.ts', 'if password == "Zx8$Lm3Qp7Vt2Kw9":'],
    // Ciphertext and vendor formats that carry their own checksum.
    ['deploy/helm/values.yaml', '  password: ENC[AES256_GCM,data:M6kUAjPsvWM3+t5iF0TX,iv:1Zq8vR2mLx9TkW4p=,tag:Qx7Lm2Vp9Rk4Tn8Ws1Yb==,type:str]'],
    ['src/config/defaults.ts', "  githubToken: 'ghp_LgIXXB8RDoeJtKAiw6sSGuOunJd0ML4dlu0a',"],
    // Prose.
    ['src/i18n/en.json', '"password_prompt_label": "Enter the password for your account",'],
    ['src/i18n/en.json', '"password": "Please choose a stronger password",'],
    ['src/config.ts', "const secret = 'mySuperSecretPasswordValue';"],
  ])('%s: %s', (path, line) => {
    expect(find(line, path)).toEqual([]);
  });

  it('skips lockfiles entirely', () => {
    const yarnLock = [
      '"@octokit/auth-token@^4.0.0":',
      '  version "4.0.0"',
      '  resolved "https://registry.yarnpkg.com/@octokit/auth-token/-/auth-token-4.0.0.tgz#40d203ea827b9f17f42a29c6afb93b7745ef80c7"',
      '  integrity sha512-tY/msAuJo6ARbK6SPIxZrPBms3xPbfwBrulZe0Wtr/DIY9lje2HeV1uoebShn6mx7SjCHif6EjMvoREj+gZ+SA==',
    ].join('\n');
    const packageLock = [
      '    "node_modules/js-tokens": {',
      '      "version": "4.0.0",',
      '      "resolved": "https://registry.npmjs.org/js-tokens/-/js-tokens-4.0.0.tgz",',
      '      "integrity": "sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ=="',
      '    },',
    ].join('\n');
    const goSum = 'golang.org/x/oauth2 v0.15.0 h1:s8pnnxNVzjWyrvYdFUQq5llS1PX2zhPXmccZv99h7uQ=\ngoogle.golang.org/api v0.81.0 h1:o8WF5AvfidafWbFjsRyupxyEQJNUWxLZJCK5NXrxZZ8=';
    expect(find(yarnLock, 'yarn.lock')).toEqual([]);
    expect(find(packageLock, 'package-lock.json')).toEqual([]);
    expect(find(goSum, 'go.sum')).toEqual([]);
    // A real-looking assignment in a lockfile is still skipped: lockfiles hold no hand-written secrets.
    expect(scan(GENERIC_RULES, 'token = "Qw8Er3Ty7Ui2Op5As1Df"', 'poetry.lock').map((o) => o.droppedBecause)).toEqual([expect.stringMatching(/lockfile/)]);
  });

  it('does not report generic matches in test files', () => {
    expect(find("const apiKey = 'q8Zt3LmV7xK2pR9wN4sJ';", 'src/__tests__/client.test.ts')).toEqual([]);
    expect(find('password = "Zx8$Lm3Qp7Vt2Kw9"', 'tests/test_login.py')).toEqual([]);
    expect(find('token := "f9Kq2Lm8Xz4Vp7Rt3Ws"', 'pkg/auth/token_test.go')).toEqual([]);
  });

  it('reports an unquoted value in a config file but not in source code', () => {
    expect(find('secret_key = Qw8Er3Ty7Ui2Op5As1Df', 'conf/app.ini')).toEqual(['Qw8Er3Ty7Ui2Op5As1Df']);
    expect(find('secret_key = Qw8Er3Ty7Ui2Op5As1Df', 'app/settings.py')).toEqual([]);
  });
});

describe('every generic rule', () => {
  it.each(GENERIC_RULES.map((r) => [r.id, r] as const))('%s finds its positive examples and none of its negative ones', (_id, r) => {
    for (const positive of r.examples.positive) expect(kept([r], positive, 'deploy/app.env').length).toBeGreaterThan(0);
    for (const negative of r.examples.negative ?? []) expect(referenceMatches(r, negative)).toEqual([]);
  });

  it.each(GENERIC_RULES.map((r) => [r.id, r] as const))('%s has bounded quantifiers only', (_id, r) => {
    const outsideClasses = r.pattern.source.replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
    expect(outsideClasses).not.toMatch(/[+*]/);
    expect(r.pattern.flags).not.toMatch(/[gy]/);
    expect(r.keywords.every((k) => k.length >= 3 && k === k.toLowerCase())).toBe(true);
  });

  const MB = 1_000_000;
  const adversarial: Record<string, string> = {
    'chained assignments': 'a=a=a=a='.repeat(MB / 8),
    'names without values': 'password='.repeat(MB / 9),
    'one unterminated value': `password = ${'x'.repeat(MB)}`,
    'one unclosed quote': `password: "${'x '.repeat(MB / 2)}`,
    'keywords alone': 'token'.repeat(MB / 5),
    'header prefixes': 'Authorization: Basic '.repeat(MB / 21),
    'bearer prefixes': '"Bearer '.repeat(MB / 8),
    'ENV lines': 'ENV TOKEN '.repeat(MB / 10),
    'BEGIN lines': '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(MB / 32),
  };
  it.each(Object.entries(adversarial))('returns within seconds on 1 MB of %s', (_name, text) => {
    for (const r of GENERIC_RULES) {
      const started = performance.now();
      referenceMatches(r, text);
      expect([r.id, performance.now() - started < 5_000]).toEqual([r.id, true]);
    }
  });
});
