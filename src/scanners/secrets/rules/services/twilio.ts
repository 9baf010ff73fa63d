import type { SecretRule } from '../../rule.js';
import { END, START, anyCase, assigned } from './shared.js';

// Formats: Twilio "API keys" and "Auth tokens" docs. An Account SID (`AC` + 32
// hex) is an identifier, not a secret: it is reported only next to its auth
// token (as a `note` marking the pair), and the 32-hex auth token, which has
// no prefix, only next to a SID. An API key SID (`SK` + 32 hex) names a
// revocable key and is reported on its own (`medium`); its 32-character secret
// only next to it.

const PAIR_LINES = 5;

const ROTATE_AUTH_TOKEN =
  'In the Console (Account → API keys & tokens → Auth tokens) create a secondary auth token, move your apps to it, then promote it to primary so the leaked token stops working; prefer API keys over the auth token.';
const ROTATE_API_KEY =
  'Delete the API key in the Console (Account → API keys & tokens), which revokes it at once, and create a new key for the app.';

export const TWILIO_RULES: SecretRule[] = [
  {
    id: 'twilio-account-sid',
    title: 'Twilio Account SID (next to its auth token)',
    provider: 'Twilio',
    keywords: ['twilio'],
    pattern: assigned(['twilio'], 'AC[0-9a-f]{32}'),
    confidence: 'high',
    severity: 'note',
    minEntropy: 3,
    requires: { ruleId: 'twilio-auth-token', withinLines: PAIR_LINES },
    remediation: { revoke: ROTATE_AUTH_TOKEN, docsUrl: 'https://www.twilio.com/docs/iam/api/authtoken' },
    examples: {
      positive: [`TWILIO_ACCOUNT_SID=AC1542e841000fb2badbe3dd8997d5896c\nTWILIO_AUTH_TOKEN=b08c492d6ea55a28818a564b5daa3aaf`],
      negative: ['TWILIO_ACCOUNT_SID=ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
    },
  },
  {
    id: 'twilio-auth-token',
    title: 'Twilio auth token',
    provider: 'Twilio',
    keywords: ['twilio'],
    pattern: assigned(['twilio'], '[0-9a-f]{32}', { qualifiers: ['auth', 'token'] }),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 3,
    requires: { ruleId: 'twilio-account-sid', withinLines: PAIR_LINES },
    remediation: { revoke: ROTATE_AUTH_TOKEN, docsUrl: 'https://www.twilio.com/docs/iam/api/authtoken' },
    examples: {
      positive: [
        `TWILIO_ACCOUNT_SID=AC915dacdd8aa14e55c446902c553f9334\nTWILIO_AUTH_TOKEN=a7abac200230625179b4cb60bfe4e99b`,
        `twilioAccountSid: 'AC9769f0ad277cffac3b17f6a34f709210',\ntwilioAuthToken: '084ec09665e2a15e1091ff392e5806a0',`,
      ],
      negative: ['TWILIO_AUTH_TOKEN=your_auth_token', `TWILIO_ACCOUNT_SID=AC48489ceb7671a7690dd68434e3a77f45`],
    },
  },
  {
    id: 'twilio-api-key',
    title: 'Twilio API key SID',
    provider: 'Twilio',
    keywords: ['twilio'],
    pattern: new RegExp(String.raw`${anyCase('twilio')}[\s\S]{0,60}?${START}(?<secret>SK[0-9a-f]{32})${END}`),
    confidence: 'medium',
    severity: 'medium',
    minEntropy: 3,
    remediation: { revoke: ROTATE_API_KEY, docsUrl: 'https://www.twilio.com/docs/iam/api-keys' },
    examples: {
      positive: [`TWILIO_API_KEY=SKb34f2bbc6bbc6e7993737183c341eb17`, `client = Twilio("SK6034d3f3bab9e9c67984b4112ffe280c", api_secret, account_sid)`],
      negative: ['TWILIO_API_KEY=SKXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
    },
  },
  {
    id: 'twilio-api-key-secret',
    title: 'Twilio API key secret',
    provider: 'Twilio',
    keywords: ['twilio'],
    pattern: assigned(['twilio'], '[A-Za-z0-9]{32}', { qualifiers: ['secret'] }),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 3.5,
    requires: { ruleId: 'twilio-api-key', withinLines: PAIR_LINES },
    remediation: { revoke: ROTATE_API_KEY, docsUrl: 'https://www.twilio.com/docs/iam/api-keys' },
    examples: {
      positive: [`TWILIO_API_KEY=SK6e7bea4a4a33b7a5f4d365669365a817\nTWILIO_API_SECRET=Cs5Pge8aQw97M7GnSvSJHC9fj6P6eCvc`],
      negative: ['TWILIO_API_SECRET=${{ secrets.TWILIO_API_SECRET }}'],
    },
  },
];
