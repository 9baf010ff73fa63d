import { describe, it, expect } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { STRUCTURED_RULES } from '../../../src/scanners/secrets/rules/structured/index.js';
import { referenceMatches } from '../support/reference-match.js';
import { kept, scan } from '../filters/scan-with-filters.js';

const rule = (id: string) => {
  const found = STRUCTURED_RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
/** Rule ids that keep a match in `text` after the false-positive gate. */
const keptBy = (text: string, path = 'deploy/config.txt') =>
  scan(STRUCTURED_RULES, text, path)
    .filter((o) => o.droppedBecause === undefined)
    .map((o) => o.ruleId);

/** Real keys, generated now and thrown away: the rules must accept what OpenSSL/OpenSSH actually write. */
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const dsa = generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });
const pem = {
  rsaPkcs1: rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  rsaPkcs8: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  ecSec1: ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
  ed25519: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  dsa: dsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  encryptedPkcs8: rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' }).toString(),
  legacyEncrypted: rsa.privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'correct horse' }).toString(),
};

describe('private keys', () => {
  it('finds each kind of key that Node/OpenSSL writes, and reports the whole block', () => {
    expect(keptBy(pem.rsaPkcs1)).toEqual(['private-key-rsa']);
    expect(keptBy(pem.rsaPkcs8)).toEqual(['private-key-pkcs8']);
    expect(keptBy(pem.ecSec1)).toEqual(['private-key-ec']);
    expect(keptBy(pem.ed25519)).toEqual(['private-key-pkcs8']);
    expect(keptBy(pem.dsa)).toEqual(['private-key-pkcs8']);
    expect(kept(STRUCTURED_RULES, `key = """\n${pem.rsaPkcs1}"""`)).toEqual([pem.rsaPkcs1.trim()]);
  });

  it('reports encrypted keys under their own, lower-severity rules', () => {
    expect(keptBy(pem.encryptedPkcs8)).toEqual(['private-key-pkcs8-encrypted']);
    expect(keptBy(pem.legacyEncrypted)).toEqual(['private-key-pem-encrypted']);
    expect(rule('private-key-pkcs8-encrypted').severity).toBe('medium');
    expect(rule('private-key-pem-encrypted').severity).toBe('medium');
    expect(rule('private-key-rsa').severity).toBe('critical');
  });

  it('finds a key inside a JSON string, as in a GCP service-account file', () => {
    const json = JSON.stringify({ type: 'service_account', private_key_id: 'a1b2', private_key: pem.rsaPkcs8 });
    expect(keptBy(json, 'deploy/sa.json')).toEqual(['private-key-pkcs8']);
  });

  it('finds a key indented in YAML, and two keys in one file', () => {
    const yaml = `tls:\n  key: |\n${pem.ecSec1.split('\n').map((l) => `    ${l}`).join('\n')}\nssh:\n  key: |\n${pem.rsaPkcs1.split('\n').map((l) => `    ${l}`).join('\n')}`;
    expect(keptBy(yaml).sort()).toEqual(['private-key-ec', 'private-key-rsa']);
  });

  it('tells an OpenSSH key without a passphrase from one with', () => {
    const [plain, encrypted] = ['private-key-openssh', 'private-key-openssh-encrypted'].map((id) => rule(id).examples.positive[0] ?? '');
    expect(keptBy(plain ?? '')).toEqual(['private-key-openssh']);
    expect(keptBy(encrypted ?? '')).toEqual(['private-key-openssh-encrypted']);
  });

  it('finds PGP and PuTTY keys', () => {
    expect(keptBy(rule('private-key-pgp').examples.positive[0] ?? '')).toEqual(['private-key-pgp']);
    expect(keptBy(rule('private-key-putty').examples.positive[0] ?? '')).toEqual(['private-key-putty']);
    expect(keptBy(rule('private-key-putty-encrypted').examples.positive[0] ?? '')).toEqual(['private-key-putty-encrypted']);
  });

  it('does not report truncated, elided or documentation keys', () => {
    const lines = pem.rsaPkcs1.trim().split('\n');
    const truncated = [...lines.slice(0, 6), lines[lines.length - 1]].join('\n');
    expect(keptBy(truncated)).toEqual([]);
    expect(keptBy('-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----')).toEqual([]);
    expect(keptBy('-----BEGIN PRIVATE KEY-----\n<your private key>\n-----END PRIVATE KEY-----')).toEqual([]);
    expect(keptBy('const header = "-----BEGIN RSA PRIVATE KEY-----";')).toEqual([]);
    // A public key is not a secret.
    expect(keptBy(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toEqual([]);
  });

  it('still reports a private key in a test file: only generic rules are path-filtered', () => {
    expect(keptBy(pem.rsaPkcs1, 'test/fixtures/server.key')).toEqual(['private-key-rsa']);
  });

  it('returns quickly on a million BEGIN lines with no END', () => {
    const text = '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(1_000_000);
    const started = performance.now();
    for (const r of STRUCTURED_RULES.filter((x) => x.id.startsWith('private-key-'))) expect(referenceMatches(r, text)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('JWTs', () => {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const signed = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64({ sub: 'svc', exp: 1600000000 })}.${'Qx7Lm2Vp9Rk4Tn8Ws1Yb5Hc3Jd6Fg0Ae'.repeat(4)}`;

  it('reports a signed token, expired or not', () => {
    expect(keptBy(`const token = "${signed}";`)).toEqual(['jwt']);
  });
  it('reports an alg:none token under its own low-severity rule', () => {
    const unsigned = `${b64({ alg: 'none' })}.${b64({ sub: 'admin' })}.`;
    expect(keptBy(`Cookie: session=${unsigned}`)).toEqual(['jwt-unsigned']);
    expect(rule('jwt-unsigned').severity).toBe('low');
  });
  it('drops the jwt.io debugger token as a documented example', () => {
    const jwtIo = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    expect(referenceMatches(rule('jwt'), jwtIo)).toEqual([jwtIo]);
    expect(keptBy(`token: ${jwtIo}`)).toEqual([]);
  });
  it('ignores base64url look-alikes whose header is not JOSE JSON', () => {
    expect(keptBy(`${b64({ typ: 'JWT' })}.${b64({ sub: 'x' })}.${'a'.repeat(43)}`)).toEqual([]);
    expect(keptBy('eyJub3RqdXN0.eyJub3Q.abcdefghijklmnopqrstuvwxyzabcdefghijkl')).toEqual([]);
  });
});

describe('connection strings', () => {
  it.each([
    ['DATABASE_URL=postgres://billing:Zq8vR2mLx9TkW4p@db.prod.internal:5432/billing', 'Zq8vR2mLx9TkW4p'],
    ['MONGO_URI="mongodb+srv://app:h7Gk2pQ9xL4mN8sV@cluster0.ab1cd.mongodb.net/app"', 'h7Gk2pQ9xL4mN8sV'],
    ['redis_url: rediss://:Vb6nM1qZ8wK3tY5r@cache.example.net:6380/0', 'Vb6nM1qZ8wK3tY5r'],
    ["url = 'mysql://shop:N3wP4ss-2024-prod@mysql.internal:3306/shop'", 'N3wP4ss-2024-prod'],
    ['BROKER_URL=amqps://orders:R4tY7uI9oP2aS5dF@mq.prod.example:5671/orders', 'R4tY7uI9oP2aS5dF'],
    ['ftp://webdeploy:G5hJ8kL2mN4pQ7rS@ftp.example-host.net/public_html', 'G5hJ8kL2mN4pQ7rS'],
    ['registry=https://ci-bot:T7yU3iO9pA1sD4fG@nexus.corp.example/repository/npm/', 'T7yU3iO9pA1sD4fG'],
    ['jdbc.url=jdbc:postgresql://db.prod.internal:5432/orders?user=orders&password=Hq7Ls2Kd9Pw4Xz1', 'Hq7Ls2Kd9Pw4Xz1'],
    ['"Default": "Server=tcp:sql-prod.database.windows.net,1433;Initial Catalog=shop;User ID=app;Password=Xk4#mP9vQ2wL7zR;Encrypt=True;"', 'Xk4#mP9vQ2wL7zR'],
  ])('finds the password alone in %s', (line, password) => {
    expect(kept(STRUCTURED_RULES, line)).toEqual([password]);
  });

  it.each([
    'DATABASE_URL=postgres://user:password@localhost:5432/app',
    'postgres://postgres:postgres@db:5432/postgres',
    'mongodb://admin:${MONGO_PASSWORD}@mongo:27017',
    'REDIS_URL=redis://:changeme@redis:6379',
    'mysql://app:pass@localhost/app',
    'amqp://guest:guest@localhost:5672/',
    'postgresql://app:<password>@db.internal/app',
    'https://x-access-token:${{ secrets.GITHUB_TOKEN }}@github.com/org/repo.git',
    'http://admin:admin@192.168.1.1/',
    'https://docs.example.com/guide?user=a',
    'jdbc:mysql://localhost:3306/app?user=root&password=${DB_PASSWORD}',
    'Server=localhost;Database=app;User Id=sa;Password=Your_password123;',
    'Server=db;Database=app;User Id=app;Password={your_password};',
  ])('reports nothing for %s', (line) => {
    expect(kept(STRUCTURED_RULES, line)).toEqual([]);
  });

  it('reports a generated password even on localhost, but not a typed one', () => {
    expect(kept(STRUCTURED_RULES, 'postgres://app:Q8zL2mX7vK4pR9tW@localhost/app')).toEqual(['Q8zL2mX7vK4pR9tW']);
    expect(kept(STRUCTURED_RULES, 'postgres://app:devpass1@localhost/app')).toEqual([]);
  });
});

describe('Kubernetes Secret manifests', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const handWritten = [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: billing-db',
    '  labels:',
    '    app: billing',
    'type: Opaque',
    'data:',
    `  username: ${b64('billing')}`,
    `  password: ${b64('Vq7#Lp2zXm9!Rk4t')}`,
    '  empty: Cg==',
    `  placeholder: ${b64('changeme')}`,
    `  tls.crt: ${b64('-----BEGIN CERTIFICATE-----\nMIIB...')}`,
    'stringData:',
    '  API_TOKEN: "t0k-8fJ2kQ9zLx4mWp7Rv1Ns"',
    '  API_HOST: api.internal.example',
    '',
  ].join('\n');

  it('reports each real data and stringData value, skipping usernames, certificates, empty and placeholder values', () => {
    expect(kept(STRUCTURED_RULES, handWritten, 'k8s/billing-secret.yaml')).toEqual([b64('Vq7#Lp2zXm9!Rk4t'), 't0k-8fJ2kQ9zLx4mWp7Rv1Ns']);
  });

  it('reads kubectl output, where data comes before kind', () => {
    const kubectl = `apiVersion: v1\ndata:\n  token: ${b64('Hk2Lp9Qw7Xz4Vb8N')}\nkind: Secret\nmetadata:\n  name: ci\n  namespace: build\ntype: Opaque\n`;
    expect(kept(STRUCTURED_RULES, kubectl)).toEqual([b64('Hk2Lp9Qw7Xz4Vb8N')]);
  });

  it('ignores ConfigMaps, also next to a Secret in the same file', () => {
    const multi = `kind: Secret\nmetadata:\n  name: a\ntype: Opaque\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  token: ${b64('Hk2Lp9Qw7Xz4Vb8N')}\n`;
    expect(kept(STRUCTURED_RULES, multi)).toEqual([]);
  });
});

describe('Docker config.json and Basic headers', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  it('decodes each registry auth and requires user:password', () => {
    const config = JSON.stringify(
      {
        auths: {
          'https://index.docker.io/v1/': { auth: b64('ci-bot:dckr_pat_Qx7Lm2Vp9Rk4Tn8Ws1Yb') },
          'ghcr.io': { auth: b64('octo:Hk2Lp9Qw7Xz4Vb8N') },
          'quay.io': { auth: b64('no-colon') },
          'registry.example.com': { auth: b64('user:password') },
        },
      },
      null,
      2,
    );
    expect(kept(STRUCTURED_RULES, config, '.docker/config.json')).toEqual([b64('ci-bot:dckr_pat_Qx7Lm2Vp9Rk4Tn8Ws1Yb'), b64('octo:Hk2Lp9Qw7Xz4Vb8N')]);
  });
  it('finds Basic credentials in a curl command, not RFC 7617\'s Aladdin', () => {
    expect(keptBy(`curl -H "Authorization: Basic ${b64('deploy:Rq8Lm3Xv7Kp2Wz9T')}" https://ci.example`)).toEqual(['http-basic-auth-header']);
    expect(keptBy('Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==')).toEqual([]);
  });
});

describe('every structured rule', () => {
  it.each(STRUCTURED_RULES.map((r) => [r.id, r] as const))('%s finds its positive examples and none of its negative ones', (_id, r) => {
    for (const positive of r.examples.positive) expect(kept([r], positive).length).toBeGreaterThan(0);
    for (const negative of r.examples.negative ?? []) expect(referenceMatches(r, negative)).toEqual([]);
  });

  it.each(STRUCTURED_RULES.map((r) => [r.id, r] as const))('%s has bounded quantifiers only and no g/y flag', (_id, r) => {
    // No `+` or `*` quantifier outside a character class (escaped ones are literals).
    const outsideClasses = r.pattern.source.replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
    expect(outsideClasses).not.toMatch(/[+*]/);
    expect(r.pattern.flags).not.toMatch(/[gy]/);
    expect(r.keywords.every((k) => k.length >= 3 && k === k.toLowerCase())).toBe(true);
  });

  const MB = 1_000_000;
  const adversarial: Record<string, string> = {
    'BEGIN lines with headers': ['RSA PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'PGP PRIVATE KEY BLOCK', 'ENCRYPTED PRIVATE KEY'].map((l) => `-----BEGIN ${l}-----\nProc-Type: 4,ENCRYPTED\n`).join('').repeat(MB / 250),
    'a BEGIN and a megabyte of base64': `-----BEGIN RSA PRIVATE KEY-----\n${'QUJD'.repeat(MB / 4)}`,
    'PuTTY headers': 'PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\n'.repeat(MB / 48),
    'JWT prefixes': 'eyJhbGciOiJIUzI1NiJ9.'.repeat(MB / 21),
    'URI schemes': 'postgres://u:'.repeat(MB / 13),
    'JDBC prefixes': 'jdbc:mysql:'.repeat(MB / 11),
    'connection-string pairs': 'Server=a;'.repeat(MB / 9),
    'Secret data lines': `kind: Secret\ndata:\n${'  a: YWJj\n'.repeat(MB / 10)}`,
    'auth entries': `"auths": {${'"auth": "YWJjZGVmZ2g=",'.repeat(MB / 25)}`,
  };
  it.each(Object.entries(adversarial))('returns within seconds on 1 MB of %s', (_name, text) => {
    for (const r of STRUCTURED_RULES) {
      const started = performance.now();
      referenceMatches(r, text);
      expect([r.id, performance.now() - started < 5_000]).toEqual([r.id, true]);
    }
  });
});
