import { createHash, createHmac, scryptSync } from 'node:crypto';
import { describe, it, expect } from '@jest/globals';
import { SecretHasher, redactSecret, secretFingerprint, secretHash } from '../../../src/scanners/secrets/workflow/fingerprint.js';

const TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';

describe('secret fingerprints', () => {
  it('are stable for a rule, path and value, and never contain the value', () => {
    const a = secretFingerprint({ ruleId: 'github-pat-classic', path: 'src/a.ts', secret: TOKEN });
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(secretFingerprint({ ruleId: 'github-pat-classic', path: 'src/a.ts', secret: TOKEN })).toBe(a);
    expect(a).not.toContain(TOKEN.slice(4, 12));
    expect(secretHash('github-pat-classic', TOKEN)).not.toContain(TOKEN.slice(4, 12));
  });

  it('change with the rule, the path or the value, but not with anything else', () => {
    const base = { ruleId: 'github-pat-classic', path: 'src/a.ts', secret: TOKEN };
    const a = secretFingerprint(base);
    expect(secretFingerprint({ ...base, ruleId: 'generic-api-key' })).not.toBe(a);
    expect(secretFingerprint({ ...base, path: 'src/b.ts' })).not.toBe(a);
    expect(secretFingerprint({ ...base, secret: `${TOKEN.slice(0, -1)}6` })).not.toBe(a);
  });

  it('salt the hash with the rule id, so one value hashes differently under two rules', () => {
    expect(secretHash('rule-a', 'hunter2hunter2')).not.toBe(secretHash('rule-b', 'hunter2hunter2'));
  });

  it('hash a batch in parallel to the same values as one by one, and from the cache on a repeat', async () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ ruleId: 'fake-token', secret: `tok_${String(i).padStart(20, '0')}` }));
    const serial = new SecretHasher();
    const one = items.map((i) => serial.hash(i.ruleId, i.secret));
    const batch = await new SecretHasher().hashAll(items);
    expect(batch).toEqual(one);
    expect(items.map((i) => serial.hash(i.ruleId, i.secret))).toEqual(one);
  });
});

describe('redacted secrets', () => {
  it.each([
    ['ghp_0123456789abcdefghijABCDEFGHIJ012345', 'ghp_…(40 chars)'],
    ['AKIAABCDEFGHIJKLMNOP', 'AK…(20 chars)'],
    ['abcdefghi', 'a…(9 chars)'],
    ['hunter22', '…(8 chars)'],
    ['x', '…(1 char)'],
    ['', '…(0 chars)'],
    ['\n\t-----BEGIN PRIVATE KEY-----', '??-…(29 chars)'],
  ])('%j shows as %j', (secret, shown) => {
    expect(redactSecret(secret)).toBe(shown);
  });

  it('counts characters, not UTF-16 units, and never shows more than an eighth of the value', () => {
    expect(redactSecret('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toBe('🔑🔑…(16 chars)');
    for (let n = 0; n < 200; n++) {
      const shown = redactSecret('s'.repeat(n)).split('…')[0] ?? '';
      expect(shown.length * 8).toBeLessThanOrEqual(n);
    }
  });
});

describe('how a secret is hashed', () => {
  it('uses the slow hash for a guessable value and the fast one for a long random token, both stable', () => {
    const hasher = new SecretHasher();
    const password = hasher.hash('generic-secret-assignment', 'Summer2024!');
    const token = hasher.hash('github-pat-classic', 'ghp_R8sK2mQ9vL4xT7wN3pZ6yB1cF5dH0jG8aE2u');
    const salt = (ruleId: string) => createHash('sha256').update('devsecops/secrets/v1\0').update(ruleId).digest();
    expect(password).toBe(scryptSync('Summer2024!', salt('generic-secret-assignment'), 16, { N: 1024, r: 8, p: 1 }).toString('hex'));
    expect(token).toBe(createHmac('sha256', salt('github-pat-classic')).update('ghp_R8sK2mQ9vL4xT7wN3pZ6yB1cF5dH0jG8aE2u').digest().subarray(0, 16).toString('hex'));
    expect(new SecretHasher().hash('generic-secret-assignment', 'Summer2024!')).toBe(password);
    expect(new SecretHasher().hash('github-pat-classic', 'ghp_R8sK2mQ9vL4xT7wN3pZ6yB1cF5dH0jG8aE2u')).toBe(token);
    // The same value under another rule is salted differently.
    expect(new SecretHasher().hash('npm-access-token', 'ghp_R8sK2mQ9vL4xT7wN3pZ6yB1cF5dH0jG8aE2u')).not.toBe(token);
  });
});
