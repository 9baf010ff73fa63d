import { describe, it, expect } from '@jest/globals';
import type { SecretRule } from '../../../src/scanners/secrets/rule.js';
import {
  DOCUMENTED_EXAMPLE_KEYS,
  explainFalsePositive,
  isDocumentedExampleKey,
  isIntegrityString,
  isLockfilePath,
  isPlaceholder,
  isTestFixturePath,
  looksLikeHashOrUuid,
  looksLikeNaturalLanguage,
  looksLikeReference,
  describeNonSecretLiteral,
  shannonEntropy,
} from '../../../src/scanners/secrets/filters/index.js';
import { fakeBytes } from '../../../src/scanners/secrets/rules/structured/fake-material.js';

function ruleWith(confidence: SecretRule['confidence']): SecretRule {
  return {
    id: `test-${confidence}`,
    title: 'test rule',
    provider: 'Test',
    keywords: ['key'],
    pattern: /(?<secret>x)/,
    confidence,
    severity: 'high',
    remediation: { revoke: 'rotate', docsUrl: 'https://example.com' },
    examples: { positive: [] },
  };
}
const low = ruleWith('low');
const high = ruleWith('high');
const medium = ruleWith('medium');

describe('shannonEntropy', () => {
  it('is zero for an empty string and for one repeated character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaaaaaa')).toBe(0);
  });
  it('is log2 of the alphabet for evenly used characters', () => {
    expect(shannonEntropy('ab')).toBeCloseTo(1);
    expect(shannonEntropy('abcdefgh')).toBeCloseTo(3);
  });
  it('is high for random base64', () => {
    expect(shannonEntropy(fakeBytes(600, 7).toString('base64'))).toBeGreaterThan(5.5);
  });
});

describe('isPlaceholder', () => {
  it.each([
    '',
    '${DB_PASSWORD}',
    '"${API_KEY}"',
    '{{ .Values.password }}',
    '{{ vault_token }}',
    '$API_TOKEN',
    '$(cat /run/secrets/token)',
    '%(db_password)s',
    '#{ENV["TOKEN"]}',
    '<your-api-key>',
    '<YOUR_TOKEN_HERE>',
    '[API_KEY]',
    'xxxxxxxxxxxxxxxxxxxx',
    'sk_live_XXXXXXXXXXXXXXXX',
    '********',
    'ghp_...',
    'changeme',
    'CHANGE_ME',
    'changeit',
    'example',
    'my-example-token',
    'dummy_password_123',
    'test',
    'sample',
    'redacted',
    'REDACTED',
    'none',
    'null',
    'true',
    'false',
    'password',
    'Password123',
    'your_api_key_here',
    'insert-token-here',
    '12345678',
    'abcdefghij',
    'aaaaaaaa',
    'secret_token',
  ])('%j is a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it.each(['Zx8$Lm3Qp7Vt2Kw9', 'q8Zt3LmV7xK2pR9wN4sJ', 'sk_test_51H8aBcDeFgHiJkLmNoPqRsT', 'N3wP4ss-2024-prod', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzKEY'])(
    '%j is not a placeholder',
    (value) => {
      expect(isPlaceholder(value)).toBe(false);
    },
  );

  it('never calls a long random block a placeholder, whatever runs it contains', () => {
    // 40 kB of base64: "xxxx" or "Test" somewhere inside must not drop a real key.
    const block = `-----BEGIN PRIVATE KEY-----\n${fakeBytes(30_000, 11).toString('base64')}xxxxTest\n-----END PRIVATE KEY-----`;
    expect(isPlaceholder(block)).toBe(false);
  });
});

describe('looksLikeHashOrUuid', () => {
  it.each([
    ['md5', '5f4dcc3b5aa765d61d8327deb882cf99'],
    ['sha1', '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8'],
    ['sha256', '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8'],
    ['sha512', 'b109f3bbbc244eb82441917ed06d618b9008dd09b3befd1b5e07394c706a8bb980b1d7785e5976ec049b46df5f1326af5a2ea6d103fd07c95385ffab0cacbc86'],
    ['uuid', '3f2b8c1e-9d4a-4e7b-8c2d-1a5f6e9b0c3d'],
    ['GUID in braces', '{3F2B8C1E-9D4A-4E7B-8C2D-1A5F6E9B0C3D}'],
    ['bcrypt', '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'],
    ['argon2id', '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG'],
    ['sha512-crypt', '$6$rounds=5000$saltsalt$Zq8vR2mLx9TkW4pZq8vR2mLx9TkW4pZq8vR2mLx9TkW4pZq8vR2mLx9TkW4pZq8vR2mLx9TkW4p12'],
    ['Django PBKDF2', 'pbkdf2_sha256$600000$c2FsdHNhbHQ$Zq8vR2mLx9TkW4pZq8vR2mLx9TkW4p='],
  ])('recognises a %s', (_kind, value) => {
    expect(looksLikeHashOrUuid(value)).toBe(true);
  });

  it.each(['q8Zt3LmV7xK2pR9wN4sJ', '5f4dcc3b5aa765d61d8327deb882cf9', 'AKIAZ7Q3LM2XV9PR4TNB'])('%j is neither a hash nor a UUID', (value) => {
    expect(looksLikeHashOrUuid(value)).toBe(false);
  });
});

describe('isIntegrityString', () => {
  it('recognises npm, yarn and pnpm integrity values, go.sum hashes and OCI digests', () => {
    expect(isIntegrityString('sha512-tY/msAuJo6ARbK6SPIxZrPBms3xPbfwBrulZe0Wtr/DIY9lje2HeV1uoebShn6mx7SjCHif6EjMvoREj+gZ+SA==')).toBe(true);
    expect(isIntegrityString('sha1-2WJ6RA2sSEk4aBvyd7nMzSDoKz0=')).toBe(true);
    expect(isIntegrityString('h1:s8pnnxNVzjWyrvYdFUQq5llS1PX2zhPXmccZv99h7uQ=')).toBe(true);
    expect(isIntegrityString('sha256:5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8')).toBe(true);
  });
  it('does not take a key for one', () => {
    expect(isIntegrityString('sk_live_51H8aBcDeFgHiJkLmNoPqRsT')).toBe(false);
    expect(isIntegrityString('sha512')).toBe(false);
  });
});

describe('isDocumentedExampleKey', () => {
  it('knows every listed example, each with a source', () => {
    for (const key of DOCUMENTED_EXAMPLE_KEYS) {
      expect(isDocumentedExampleKey(key.value)).toBe(true);
      expect(key.source).toMatch(/^https:\/\//);
    }
  });
  it('knows the AWS documentation pattern beyond the list', () => {
    expect(isDocumentedExampleKey('AKIAJ5Q7R2Z3XEXAMPLE')).toBe(true);
    expect(isDocumentedExampleKey('AKIAJ5Q7R2Z3XEXAMPLE'.replace('EXAMPLE', 'ABCDEFG'))).toBe(false);
  });
  it('finds an example inside a slightly longer secret (a header value)', () => {
    expect(isDocumentedExampleKey('Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc')).toBe(true);
  });
  it('does not match a key in the same format', () => {
    expect(isDocumentedExampleKey('sk_test_4eC39HqLyjWDarjtT1zdp7dX')).toBe(false);
    expect(isDocumentedExampleKey('ghp_26C7e42F292c6912E7710c838347Ae178B4a')).toBe(false);
  });
});

describe('isTestFixturePath and isLockfilePath', () => {
  it.each([
    'test/config.js',
    'tests/test_settings.py',
    'src/__tests__/client.ts',
    'spec/models/user_spec.rb',
    'pkg/fixtures/creds.yaml',
    'internal/auth/testdata/token.json',
    'src/api/client.test.ts',
    'src/api/client.spec.js',
    'pkg/auth/token_test.go',
    'app/test_views.py',
    'src/test/java/com/acme/AuthServiceTest.java',
    'src/__mocks__/aws.ts',
    'web/mocks/handlers.ts',
    'C:\\repo\\tests\\settings.ini',
  ])('%s is a test or fixture', (path) => {
    expect(isTestFixturePath(path)).toBe(true);
  });
  it.each(['src/config.ts', 'src/latest/index.ts', 'contest/app.py', 'attestation/sign.go', 'src/testimonial.tsx', 'deploy/values.yaml'])(
    '%s is not',
    (path) => {
      expect(isTestFixturePath(path)).toBe(false);
    },
  );
  it.each(['package-lock.json', 'web/yarn.lock', 'pnpm-lock.yaml', 'poetry.lock', 'Cargo.lock', 'go.sum', 'Gemfile.lock', 'composer.lock', 'infra/.terraform.lock.hcl'])(
    '%s is a lockfile',
    (path) => {
      expect(isLockfilePath(path)).toBe(true);
    },
  );
  it('package.json and go.mod are not lockfiles', () => {
    expect(isLockfilePath('package.json')).toBe(false);
    expect(isLockfilePath('go.mod')).toBe(false);
  });
});

describe('value shapes', () => {
  it.each(['process.env.API_KEY', 'os.environ["TOKEN"]', 'os.getenv("PW")', "ENV['SECRET']", 'System.getenv("DB_PASSWORD")', 'secrets.NPM_TOKEN', 'get_token()', 'vault.read("kv/app")', 'settings.SECRET_KEY', 'DB_PASSWORD', 'this.config.token'])(
    '%s is a reference',
    (value) => {
      expect(looksLikeReference(value)).toBe(true);
    },
  );
  it.each(['Zx8$Lm3Qp7Vt2Kw9', 'q8Zt3LmV7xK2pR9wN4sJ'])('%s is not a reference', (value) => {
    expect(looksLikeReference(value)).toBe(false);
  });
  it('names versions, paths and credential-free URLs', () => {
    expect(describeNonSecretLiteral('v2.14.3-beta.1')).toBe('a version string');
    expect(describeNonSecretLiteral('/run/secrets/db_password')).toBe('a file path');
    expect(describeNonSecretLiteral('./config/keys/signing.pem')).toBe('a file path');
    expect(describeNonSecretLiteral('C:\\keys\\app.pfx')).toBe('a file path');
    expect(describeNonSecretLiteral('service-account.json')).toBe('a file name');
    expect(describeNonSecretLiteral('https://vault.internal.example:8200/v1/auth')).toBe('a URL without credentials');
    expect(describeNonSecretLiteral('wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzKEY')).toBeUndefined();
  });
  it('tells prose and word compounds from random strings', () => {
    expect(looksLikeNaturalLanguage('Please enter your password')).toBe(true);
    expect(looksLikeNaturalLanguage('mySuperSecretPassword')).toBe(true);
    expect(looksLikeNaturalLanguage('not-the-real-one')).toBe(true);
    expect(looksLikeNaturalLanguage('q8Zt3LmV7xK2pR9wN4sJ')).toBe(false);
    expect(looksLikeNaturalLanguage('xKqPzLmWvRtnBcdf')).toBe(false);
  });
});

describe('explainFalsePositive', () => {
  const at = (rule: SecretRule, secret: string, path = 'src/config.ts', lineText = `const value = "${secret}";`) =>
    explainFalsePositive({ rule, secret, path, lineText });

  it('drops documented example keys for every rule, naming the source', () => {
    for (const rule of [low, medium, high]) {
      expect(at(rule, 'AKIAIOSFODNN7EXAMPLE')).toMatch(/documented example.*AWS/);
      expect(at(rule, 'sk_test_4eC39HqLyjWDarjtT1zdp7dc')).toMatch(/Stripe/);
    }
  });

  it('drops placeholders for every rule', () => {
    for (const rule of [low, medium, high]) expect(at(rule, '${GITHUB_TOKEN}')).toMatch(/placeholder/);
  });

  it('keeps a vendor-format key in a test file, and drops a generic match there', () => {
    expect(at(high, 'ghp_Zq8vR2mLx9TkW4pQ7sV1nB3cD5fG6hJ8kL0m', 'test/fixtures/github.json')).toBeUndefined();
    expect(at(low, 'Zx8$Lm3Qp7Vt2Kw9', 'test/fixtures/github.json')).toMatch(/test or fixture/);
    expect(at(low, 'Zx8$Lm3Qp7Vt2Kw9', 'src/api/client.test.ts')).toMatch(/test or fixture/);
  });

  it('skips lockfiles for generic rules only', () => {
    expect(at(low, 'Zx8$Lm3Qp7Vt2Kw9', 'package-lock.json')).toMatch(/lockfile/);
    expect(at(high, 'ghp_Zq8vR2mLx9TkW4pQ7sV1nB3cD5fG6hJ8kL0m', 'package-lock.json')).toBeUndefined();
  });

  it('drops digests, UUIDs, integrity strings, references, literals and prose for generic rules only', () => {
    expect(at(low, 'sha512-tY/msAuJo6ARbK6SPIxZrPBms3xPbfwBrulZe0Wtr/DIY9lje2HeV1uoebShn6mx7SjCHif6EjMvoREj+gZ+SA==')).toMatch(/integrity/);
    expect(at(low, '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8')).toMatch(/hash or UUID/);
    expect(at(low, '3f2b8c1e-9d4a-4e7b-8c2d-1a5f6e9b0c3d')).toMatch(/hash or UUID/);
    expect(at(low, 'process.env.API_KEY')).toMatch(/reference/);
    expect(at(low, '1.24.3')).toMatch(/version/);
    expect(at(low, 'Enter the database password below')).toMatch(/words/);
    expect(at(medium, '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8')).toBeUndefined();
  });

  it('treats an unquoted right-hand side in source code as an expression, but not in a config file', () => {
    expect(at(low, 'tokenFromVault2x', 'src/app.py', 'token = tokenFromVault2x')).toMatch(/expression/);
    expect(at(low, 'Zx8Lm3Qp7Vt2Kw9a', 'deploy/.env', 'TOKEN=Zx8Lm3Qp7Vt2Kw9a')).toBeUndefined();
  });

  it('drops secrets-tool ciphertext for every rule', () => {
    const sops = 'ENC[AES256_GCM,data:M6kUAjPsvWM3+t5iF0TX,iv:1Zq8vR2mLx9TkW4p=,tag:Qx7Lm2Vp9Rk4Tn8Ws1Yb==,type:str]';
    expect(at(low, sops)).toMatch(/ciphertext/);
    expect(at(high, sops)).toMatch(/ciphertext/);
    expect(at(medium, '$ANSIBLE_VAULT;1.1;AES256\n6238')).toMatch(/ciphertext/);
  });

  it('leaves checksummed vendor formats to their own rule', () => {
    expect(at(low, 'ghp_dfmyIrpjMIRo6zpNFLjm3Z4dW88Af32Gh0xa')).toMatch(/vendor/);
    expect(at(high, 'ghp_dfmyIrpjMIRo6zpNFLjm3Z4dW88Af32Gh0xa')).toBeUndefined();
  });

  it('keeps a real-looking generic match', () => {
    expect(at(low, 'Zx8$Lm3Qp7Vt2Kw9', 'src/settings.py', "PASSWORD = 'Zx8$Lm3Qp7Vt2Kw9'")).toBeUndefined();
  });
});
