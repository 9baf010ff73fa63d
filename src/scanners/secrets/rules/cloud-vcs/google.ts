import type { SecretRule } from '../../rule.js';

export const GOOGLE_RULES: SecretRule[] = [
  {
    id: 'google-api-key',
    title: 'Google API key',
    provider: 'Google',
    keywords: ['aiza'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/,
    confidence: 'high',
    severity: 'high',
    minEntropy: 3.5,
    remediation: {
      revoke:
        'In the Google Cloud console (APIs & Services > Credentials) regenerate or delete the key, and restrict the new one to the APIs and the apps, referrers or IPs that need it.',
      docsUrl: 'https://cloud.google.com/docs/authentication/api-keys#securing',
    },
    examples: {
      positive: ['const firebaseConfig = { apiKey: "AIzarxQvilXI-MiG_rf2kEvAu4GmfgKQepcnKq9", projectId: "acme-prod" };'],
      negative: ['apiKey: "AIzaxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"', 'apiKey: "AIzaSyShort"'],
    },
  },
  {
    id: 'google-oauth-client-secret',
    title: 'Google OAuth client secret',
    provider: 'Google',
    keywords: ['gocspx-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>GOCSPX-[0-9A-Za-z_-]{28})(?![0-9A-Za-z_-])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3.5,
    remediation: {
      revoke:
        'In the Google Cloud console (APIs & Services > Credentials > the OAuth client), add a new client secret, move the application to it, then disable and delete the leaked one.',
      docsUrl: 'https://support.google.com/cloud/answer/15549257',
    },
    examples: {
      positive: ['GOOGLE_CLIENT_SECRET=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'],
      negative: ['GOOGLE_CLIENT_SECRET=GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'gcp-service-account-key',
    title: 'Google Cloud service account key (JSON)',
    provider: 'Google',
    keywords: ['service_account'],
    // The key file Google issues lists "type" first and "private_key" after the
    // project and key ids; the private key is a PEM with escaped newlines.
    pattern:
      /"type"[ \t]{0,4}:[ \t]{0,4}"service_account"[\s\S]{0,400}?"private_key"[ \t]{0,4}:[ \t]{0,4}"(?<secret>-----BEGIN PRIVATE KEY-----(?:\\n|[A-Za-z0-9+/=\r\n]){64,4000}?-----END PRIVATE KEY-----(?:\\n)?)"/,
    window: { before: 64, after: 4800 },
    confidence: 'high',
    severity: 'critical',
    remediation: {
      revoke:
        'Delete the key (IAM & Admin > Service accounts > Keys, or `gcloud iam service-accounts keys delete KEY_ID --iam-account=SA_EMAIL`), review the account\'s activity in Cloud Audit Logs, and move the workload to Workload Identity Federation instead of key files.',
      docsUrl: 'https://cloud.google.com/iam/docs/keys-create-delete#deleting',
    },
    examples: {
      positive: [
        '{\n  "type": "service_account",\n  "project_id": "acme-prod",\n  "private_key_id": "0ca56b481fdf9ad7c06286247d25c6d97a9dfb2f",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\naG51dmxXM2k5YWExS0h3ZDY5MUY4d2NHU2xZWDRjckJVNGt0ZkV0UXRBRmZzSTBMTDVCWEdWNTl6OWxxUk9YcFRod1VkbEM5YlBmRlBmd1NUSVJDODBaUU5SOWtXTnpxZVhvaHNkUXFEY1lsTjMwWDU1Z0ljcGdKOWhTVTZqWm1CUnR3YzZOZzIxSHBFQUtQMU8yUVY5WUZRbHFNNjFzcGZab1pZMzBRN1JpOUZTVTFhejhYNDZXMXkwbTJjbVJZelUzWEpDQ3BrbmdCRWdwWnUySTVJeGV0VkFQNTc3N01SaWJGaFgxRWV4VWhqTGFzWkFveEVYN01SaHBiWjZRaXN5TE1oODdXaDlDN1kxS29OdXBGOFJlTkVrdTNXTGQ3QUcwU2xLcnFUakdVUWYzY2VxaENHT1YwUFYyOFdYS25sVXU2cHhCOVdrNEZBSFFKOElIeHR4aDhhZFY2UG5KTU9saUNzNWVjRFVBUGE5SXhUZ0hFMjRjWmU3N0RpdkVsZ2psWHFnQXpZOFdreWhQcXJnQTF6a0x4T2ZxdG5oUFQ4YWJsU0ZRTDFTZmUxc0pzeGVjaVFOT0x2WGdsYnVKa0FjUUlRa0VoQzMwMW15YXRMdGVqNU9YRG9JelBLRWtRMVphYnJVWWJBdzNCN2E0UGliQWNXQ1hJRG1OWURFYnAzdXEwc2NOTkQ5M3ZUbnlVeGo0SXVhQm12SGEwb0lGdXZCaHV5S3ZSdEFEZkg1ZnQ3ak51bHJGN3c2SGRiRW5JbU1mdW5WUWtnTHJzdXRhSU1pdWNIUkp4dmxsb2RMWWdkcDgwQlNYUHgyTHhET2RqSFAxb2NPNkRIbnRIY0dzcm5XalhNcURSRm04YkZBRW5OVEpmcFFUMzdwbm03N01WTlNDU0tzbkp2dnlqb3FVTUNlSkhsVWMwZWN1eUdoYmxnZU92Rm94dFlKeEswcmhKemVpVHVpa3Y0WTFIZjJXNTR3RGxDTkQ3M3hBYkNxY0NSR0dPZkdxdnRDVEFJeDlNU1pCZk95TktPaGsxbVczTVBxT2JEY0o2cDM3bzFaUEg1eWpOM2VvdnA5Q3FRZGtPOE80VHlpNjFsazZtMHh4TjZiMVRwR3lEcUhUZGxMcUY0M3k3Nmg1UGZQSUhCelFHVnFjWnFsM0c2NDlXTE5KeWpkWm1LQ2pHUmpVN0J6NVM2NkZ4M2Z2bjZ4UTd0TmdZQUNjZzlVa3JRd2lRU1VlaXY0ZENrc2hNMGZqQmtEQW44SzFZNXN2RGlBcW9SeDVkOGNsaWhiTFBaWVVSV3h3M01mR3hxUWRzbG9FSWJ4RGJYY05kT0hXQWVXdEp5Qm5jUzdvSjc2ckZGVjM2WkhvaGpobU5Od2FFZ0ZSVXFrQVJHOWNuZnZENUo1M2lmcHRpcTFrZmxPUGpndFI2dWxyV21QRjhvZUI4U1VXNlJKQURpZUxHYk5sUzR6RnlyRGc1S0IxVlA5dFJLQnJabGF3T2FSaktCZWNEeHdDNG1maUdoUVBMYnlJTnZFMUhlemNZajBjOUFuTHFHdzlEcDFDbGhhVWh1UWJ6ZjVlNlMzNUdkdG1JSWtlbmd3MVdLc211\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "deployer@acme-prod.iam.gserviceaccount.com"\n}',
      ],
      negative: [
        '{ "type": "service_account", "project_id": "acme-prod", "private_key_id": "", "private_key": "" }',
        '{ "type": "authorized_user", "private_key": "-----BEGIN PRIVATE KEY-----\\naG51dmxXM2k5YWExS0h3ZDY5MUY4d2NHU2xZWDRjckJVNGt0ZkV0UXRBRmZzSTBMTDVCWEdWNTl6OWxxUk9YcFRod1VkbEM5YlBmRlBmd1NUSVJDODBaUU5SOWtXTnpxZVhvaHNkUXFEY1lsTjMwWDU1Z0ljcGdKOWhTVTZqWm1CUnR3YzZOZzIxSHBFQUtQMU8yUVY5WUZRbHFNNjFzcGZab1pZMzBRN1JpOUZTVTFhejhYNDZXMXkwbTJjbVJZelUzWEpDQ3BrbmdCRWdwWnUySTVJeGV0VkFQNTc3N01SaWJGaFgxRWV4VWhqTGFzWkFveEVYN01SaHBiWjZRaXN5TE1oODdXaDlDN1kxS29OdXBGOFJlTkVrdTNXTGQ3QUcwU2xLcnFUakdVUWYzY2VxaENHT1YwUFYyOFdYS25sVXU2cHhCOVdrNEZBSFFKOElIeHR4aDhhZFY2UG5KTU9saUNzNWVjRFVBUGE5SXhUZ0hFMjRjWmU3N0RpdkVsZ2psWHFnQXpZOFdreWhQcXJnQTF6a0x4T2ZxdG5oUFQ4YWJsU0ZRTDFTZmUxc0pzeGVjaVFOT0x2WGdsYnVKa0FjUUlRa0VoQzMwMW15YXRMdGVqNU9YRG9JelBLRWtRMVphYnJVWWJBdzNCN2E0UGliQWNXQ1hJRG1OWURFYnAzdXEwc2NOTkQ5M3ZUbnlVeGo0SXVhQm12SGEwb0lGdXZCaHV5S3ZSdEFEZkg1ZnQ3ak51bHJGN3c2SGRiRW5JbU1mdW5WUWtnTHJzdXRhSU1pdWNIUkp4dmxsb2RMWWdkcDgwQlNYUHgyTHhET2RqSFAxb2NPNkRIbnRIY0dzcm5XalhNcURSRm04YkZBRW5OVEpmcFFUMzdwbm03N01WTlNDU0tzbkp2dnlqb3FVTUNlSkhsVWMwZWN1eUdoYmxnZU92Rm94dFlKeEswcmhKemVpVHVpa3Y0WTFIZjJXNTR3RGxDTkQ3M3hBYkNxY0NSR0dPZkdxdnRDVEFJeDlNU1pCZk95TktPaGsxbVczTVBxT2JEY0o2cDM3bzFaUEg1eWpOM2VvdnA5Q3FRZGtPOE80VHlpNjFsazZtMHh4TjZiMVRwR3lEcUhUZGxMcUY0M3k3Nmg1UGZQSUhCelFHVnFjWnFsM0c2NDlXTE5KeWpkWm1LQ2pHUmpVN0J6NVM2NkZ4M2Z2bjZ4UTd0TmdZQUNjZzlVa3JRd2lRU1VlaXY0ZENrc2hNMGZqQmtEQW44SzFZNXN2RGlBcW9SeDVkOGNsaWhiTFBaWVVSV3h3M01mR3hxUWRzbG9FSWJ4RGJYY05kT0hXQWVXdEp5Qm5jUzdvSjc2ckZGVjM2WkhvaGpobU5Od2FFZ0ZSVXFrQVJHOWNuZnZENUo1M2lmcHRpcTFrZmxPUGpndFI2dWxyV21QRjhvZUI4U1VXNlJKQURpZUxHYk5sUzR6RnlyRGc1S0IxVlA5dFJLQnJabGF3T2FSaktCZWNEeHdDNG1maUdoUVBMYnlJTnZFMUhlemNZajBjOUFuTHFHdzlEcDFDbGhhVWh1UWJ6ZjVlNlMzNUdkdG1JSWtlbmd3MVdLc211\\n-----END PRIVATE KEY-----\\n" }',
      ],
    },
  },
  {
    id: 'google-oauth-access-token',
    title: 'Google OAuth access token',
    provider: 'Google',
    keywords: ['ya29.'],
    pattern: /(?<![A-Za-z0-9_.-])(?<secret>ya29\.[0-9A-Za-z_-]{30,2048})(?![0-9A-Za-z_-])/,
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke:
        'Access tokens expire within an hour; revoke it now with `curl -d token=TOKEN https://oauth2.googleapis.com/revoke` and find where it was printed or stored.',
      docsUrl: 'https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke',
    },
    examples: {
      positive: ['curl -H "Authorization: Bearer ya29.a0MzDfjRvvWI7CSBT5vqZYPBdA3iQZFMA4jgO7Ye9zhHC4W4Z--3TeQIufP4eOIFqGzwZhnJ48lrM7scuTUNNupTonuPkUt6xwIGkxbEkvSpBKhkz0CvEYzad4HHvf-QASlc5b3k1T_TjWmT60lOZ5yo" https://www.googleapis.com/drive/v3/files'],
      negative: ['Authorization: Bearer ya29.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'Authorization: Bearer ya29.short'],
    },
  },
  {
    id: 'google-oauth-refresh-token',
    title: 'Google OAuth refresh token',
    provider: 'Google',
    keywords: ['1//0'],
    pattern: /(?<![A-Za-z0-9_:/-])(?<secret>1\/\/0[0-9A-Za-z_-]{40,200})(?![0-9A-Za-z_-])/,
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 4.2,
    remediation: {
      revoke:
        'Revoke it with `curl -d token=TOKEN https://oauth2.googleapis.com/revoke` (or remove the app\'s access at myaccount.google.com > Security > Third-party access), then authorise again.',
      docsUrl: 'https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke',
    },
    examples: {
      positive: ['"refresh_token": "1//0Vrrnf2KCQqS0kL_0x6gpxje58QW_c995keneBsKXwqHRcfPjSFWY7HcU4dGwfUM_mHA_pzLXWIhzVlF-go3tPeX3GhaGwPehKi5",'],
      negative: ['"refresh_token": "1//0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"', 'see http://1//0a'],
    },
  },
  {
    id: 'firebase-cloud-messaging-server-key',
    title: 'Firebase Cloud Messaging legacy server key',
    provider: 'Google',
    keywords: ['apa91b'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>AAAA[0-9A-Za-z_-]{7}:APA91b[0-9A-Za-z_-]{134})(?![0-9A-Za-z_-])/,
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke:
        'Delete the server key in the Firebase console (Project settings > Cloud Messaging) or the matching API key in Google Cloud, and move to the HTTP v1 API with short-lived OAuth tokens.',
      docsUrl: 'https://firebase.google.com/docs/cloud-messaging/migrate-v1',
    },
    examples: {
      positive: ["headers: { Authorization: 'key=AAAALihfvik:APA91bDIf-ahnmgIDHwC7Aso2sSlbS8oPFjxgSQS_d84qLn0vWJz0suudEMX01s4XzpEOvV0UBVvoh2LktjtgLPS86D5HhmqznzKBEO-FJ2_X1VPgmnzkkXXxjjxzEHQrA4ASq_osNWr' },"],
      negative: ["headers: { Authorization: 'key=AAAAxxxxxxx:APA91bxxxx' },"],
    },
  },
];
