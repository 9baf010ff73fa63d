import { it } from '@jest/globals';
import { STRUCTURED_RULES } from '../../../src/scanners/secrets/rules/structured/index.js';
import { GENERIC_RULES } from '../../../src/scanners/secrets/rules/generic/index.js';
import { referenceMatches } from '../support/reference-match.js';

const MB = 1_000_000;
const inputs: Record<string, string> = {
  beginLines: '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(1_000_000),
  beginAll: ['RSA PRIVATE KEY','EC PRIVATE KEY','DSA PRIVATE KEY','PRIVATE KEY','ENCRYPTED PRIVATE KEY','OPENSSH PRIVATE KEY','PGP PRIVATE KEY BLOCK'].map(l => `-----BEGIN ${l}-----\nProc-Type: 4,ENCRYPTED\n`).join('').repeat(12000),
  beginBody: '-----BEGIN RSA PRIVATE KEY-----\n' + 'QUJD'.repeat(MB / 4),
  putty: 'PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\n'.repeat(MB / 48),
  puttyLines: 'PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\n' + 'AAAA\n'.repeat(MB / 5),
  jwt: 'eyJhbGciOiJIUzI1NiJ9.'.repeat(MB / 21),
  jwt2: 'eyJ' + 'a'.repeat(MB),
  jwt3: 'eyJaaaaaaaaaaa.eyJaaaa'.repeat(MB / 22),
  uri: 'postgres://'.repeat(MB / 11),
  uri2: 'postgres://u:' + 'p'.repeat(MB),
  uri3: 'https://a:b'.repeat(MB / 11),
  jdbc: 'jdbc:mysql:'.repeat(MB / 11),
  ado: 'Server=a;'.repeat(MB / 9),
  ado2: 'a=b;'.repeat(MB / 4),
  k8s: 'kind: Secret\ndata:\n' + '  a: YWJj\n'.repeat(MB / 10),
  k8s2: 'data:\n' + '  a: YWJj\n'.repeat(MB / 10) + 'kind: Secret\n',
  k8s3: ('data:\n' + '  a: YWJj\n'.repeat(50)).repeat(MB / 510),
  docker: '"auths": {' + '"auth": "YWJjZGVmZ2g=",'.repeat(MB / 25),
  docker2: '"auth": "YWJj",'.repeat(MB / 15),
  basic: 'Authorization: Basic '.repeat(MB / 21),
  assign: 'a=a=a=a='.repeat(MB / 8),
  assign2: 'password='.repeat(MB / 9),
  assign3: 'password = ' + 'x'.repeat(MB),
  assign4: 'password: "' + 'x '.repeat(MB / 2),
  assign5: 'token'.repeat(MB / 5),
  assign6: 'token: a\n'.repeat(MB / 9),
  bearer: '"Bearer '.repeat(MB / 8),
  env: 'ENV TOKEN '.repeat(MB / 10),
};

it('timing', () => {
  const rows: string[] = [];
  for (const [name, text] of Object.entries(inputs)) {
    for (const rule of [...STRUCTURED_RULES, ...GENERIC_RULES]) {
      const t = performance.now();
      referenceMatches(rule, text);
      const ms = performance.now() - t;
      if (ms > 150) rows.push(`${name} ${rule.id} ${ms.toFixed(0)}ms`);
    }
  }
  console.log(rows.join('\n') || 'all fast');
}, 600_000);
