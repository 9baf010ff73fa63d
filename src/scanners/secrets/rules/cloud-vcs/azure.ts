import type { SecretRule } from '../../rule.js';
import { anyCase, assignedValue } from './support.js';

const STORAGE_KEYS_DOCS = 'https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage';
const STORAGE_KEYS_REVOKE =
  'Rotate the key that leaked (Storage account > Security + networking > Access keys > Rotate key, or `az storage account keys renew --key key1|key2`) after moving clients to the other key, and prefer Microsoft Entra ID or user delegation SAS over account keys.';

/**
 * Keys published for local emulators (Azurite and the Cosmos DB emulator);
 * they appear in countless samples and unlock nothing in Azure.
 */
const EMULATOR_KEYS = new Set([
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
]);
const isNotEmulatorKey = (secret: string): boolean => !EMULATOR_KEYS.has(secret);

export const AZURE_RULES: SecretRule[] = [
  {
    id: 'azure-storage-connection-string',
    title: 'Azure Storage account key in a connection string',
    provider: 'Azure',
    keywords: ['accountkey='],
    // An account key is 64 random bytes: 86 base64 characters and "==".
    pattern: /AccountName=[a-z0-9]{3,24};[ \t]{0,2}AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4.5,
    verify: isNotEmulatorKey,
    remediation: { revoke: STORAGE_KEYS_REVOKE, docsUrl: STORAGE_KEYS_DOCS },
    examples: {
      positive: [
        'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acmeprodlogs;AccountKey=RXKFlHSa4Wzoq4YfSRGfnZg9UUnixwVi9wcEdg0zlUi+d7cNQ9iB4AuiKUQZj9430FGNtb6wN4SZn7TsJ6o8P3==;EndpointSuffix=core.windows.net"',
      ],
      negative: [
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
        'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=<your-account-key>;EndpointSuffix=core.windows.net',
      ],
    },
  },
  {
    id: 'azure-storage-account-key',
    title: 'Azure Storage account key',
    provider: 'Azure',
    keywords: ['storage_key', 'storage_account_key', 'storageaccountkey', 'storage-account-key'],
    pattern: assignedValue(
      `${anyCase('storage')}[_-]?(?:${anyCase('account')}[_-]?)?${anyCase('key')}`,
      '[A-Za-z0-9+/]{86}==',
      '(?![A-Za-z0-9+/=])',
    ),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 4.5,
    verify: isNotEmulatorKey,
    remediation: { revoke: STORAGE_KEYS_REVOKE, docsUrl: STORAGE_KEYS_DOCS },
    examples: {
      positive: ['export AZURE_STORAGE_KEY=etdxnpTKhK4hlgnqegonVyCQ8OK1T19+9V0Cbzry4weULM1LhFF5fCUHXuppzOfJai47Ida0kdoVmzXJAfxbwB==', 'storage_account_key = "etdxnpTKhK4hlgnqegonVyCQ8OK1T19+9V0Cbzry4weULM1LhFF5fCUHXuppzOfJai47Ida0kdoVmzXJAfxbwB=="'],
      negative: ['AZURE_STORAGE_KEY=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='],
    },
  },
  {
    id: 'azure-sas-token',
    title: 'Azure shared access signature (SAS) token',
    provider: 'Azure',
    keywords: ['sig='],
    // A SAS carries its signed version (sv=YYYY-MM-DD) and, later in the query, the
    // HMAC-SHA256 signature: 43 base64 characters and "=", usually URL-encoded.
    pattern:
      /(?<![A-Za-z0-9])sv=[0-9]{4}-[0-9]{2}-[0-9]{2}&[^\s"'<>]{0,400}?&sig=(?<secret>(?:[A-Za-z0-9+/]|%2[BbFf]){43}(?:=|%3[Dd]))/,
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke:
        'An ad hoc SAS stays valid until it expires unless you rotate the account key that signed it (or revoke the user delegation keys); a SAS bound to a stored access policy is revoked by deleting or changing that policy. Issue short-lived SAS tokens from a server instead of committing them.',
      docsUrl: 'https://learn.microsoft.com/en-us/azure/storage/common/sas-expiration-policy',
    },
    examples: {
      positive: [
        'https://acmeprodlogs.blob.core.windows.net/exports/report.csv?sp=r&st=2024-05-01T09:00:00Z&se=2025-05-01T17:00:00Z&spr=https&sv=2022-11-02&sr=b&sig=aFJFR0ZFQjFuUjYzOXBvMTBDNUZ1c3IwaGxuVlpGNTg%3D',
        'AZURE_SAS="?sv=2021-08-06&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2026-01-01T00:00:00Z&spr=https&sig=NFVUMnQ0Q2Y2UGFJWm1abVNnckNRMHNETE1tYzA5UUQ%3D"',
      ],
      negative: ['?sv=2022-11-02&sr=b&sig=<signature>', '?sv=2022-11-02&sr=b&sig=REDACTED'],
    },
  },
  {
    id: 'azure-entra-client-secret',
    title: 'Microsoft Entra ID (Azure AD) application client secret',
    provider: 'Azure',
    // Current client secrets are 40 characters: 3 random, a version digit, "Q~", 34 random.
    keywords: ['0q~', '1q~', '2q~', '3q~', '4q~', '5q~', '6q~', '7q~', '8q~', '9q~'],
    pattern: /(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{34})(?![A-Za-z0-9_~.-])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke:
        'In the app registration (Certificates & secrets > Client secrets), add a new secret, move the application to it, then delete the leaked one; review the service principal\'s sign-in logs. Prefer certificates or federated credentials.',
      docsUrl: 'https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials',
    },
    examples: {
      positive: ['AZURE_CLIENT_SECRET=4eM8Q~GIuwfpMkv08y6xyPruJF3nC4VLuv~Gejzw', '"clientSecret": "eSf7Q~xwTkXAi1wxke.P29TXR8vrbuBJnj6hwXHS",'],
      negative: ['AZURE_CLIENT_SECRET=abc8Q~short', 'AZURE_CLIENT_SECRET=xxx8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'azure-devops-personal-access-token',
    title: 'Azure DevOps personal access token',
    provider: 'Azure',
    keywords: ['azdo'],
    // Since July 2024: 84 characters with the fixed signature "AZDO" at positions 77–80.
    pattern: /(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})(?![A-Za-z0-9])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4.5,
    remediation: {
      revoke:
        'Revoke it under User settings > Personal access tokens (an administrator can revoke any user\'s PAT from Organization settings or the PAT revocation API) and create a replacement with minimal scopes and a short expiry.',
      docsUrl:
        'https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate#revoke-pats',
    },
    examples: {
      positive: ['AZURE_DEVOPS_EXT_PAT=DdetshdeCDaXzyfGko570V4e1hnERa9wrdUIOSLfjOsx9IEjY6YF0MECDLPAce1zWb07BXbOuk6QAZDO8luV'],
      negative: ['AZURE_DEVOPS_EXT_PAT=m8zcGuOWoNqmD8x5f7q58xQVghVPSSVn8o3SHpI84hP2skoTwp5YZYlVONvGvCWUMMjZVUo3TttAZDO'],
    },
  },
  {
    id: 'azure-devops-personal-access-token-legacy',
    title: 'Azure DevOps personal access token (52-character format)',
    provider: 'Azure',
    keywords: ['devops', 'azdo', 'ado_pat', 'ado_token'],
    pattern: assignedValue(
      `(?:${anyCase('devops')}|${anyCase('azdo')}|${anyCase('ado')}_(?:${anyCase('pat')}|${anyCase('token')}))`,
      '[a-z2-7]{52}',
      '(?![A-Za-z0-9])',
    ),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke:
        'Revoke it under User settings > Personal access tokens and create a replacement (new tokens use the 84-character format).',
      docsUrl:
        'https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate#revoke-pats',
    },
    examples: {
      positive: ['AZURE_DEVOPS_PAT: vjrn2bjxexbdfj5jxvjqxaxgpk3pt2evmx3c7f3ph5gldfmljha5'],
      negative: ['AZURE_DEVOPS_PAT: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
    },
  },
  {
    id: 'azure-cosmosdb-account-key',
    title: 'Azure Cosmos DB account key',
    provider: 'Azure',
    keywords: ['documents.azure.com'],
    pattern:
      /AccountEndpoint=https:\/\/[a-z0-9-]{3,50}\.documents\.azure\.com(?::443)?\/?;[ \t]{0,2}AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4.5,
    verify: isNotEmulatorKey,
    remediation: {
      revoke:
        'Regenerate the leaked primary or secondary key (Cosmos DB account > Keys > Regenerate, or `az cosmosdb keys regenerate`) after moving clients to the other key; prefer Entra ID role-based access.',
      docsUrl: 'https://learn.microsoft.com/en-us/azure/cosmos-db/database-security',
    },
    examples: {
      positive: ['COSMOS_CONNECTION="AccountEndpoint=https://acme-orders.documents.azure.com:443/;AccountKey=9ubyn3vRViinwd7NMDpajXXNtZ1RBRKuVwwa2mzyBzgh0P5/qsD/Mk2z7erKi6ISWA7vCk9Esk+9+C6+2s0cdw==;"'],
      negative: [
        'AccountEndpoint=https://acme-orders.documents.azure.com:443/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==;',
      ],
    },
  },
  {
    id: 'azure-service-bus-connection-string',
    title: 'Azure Service Bus / Event Hubs shared access key',
    provider: 'Azure',
    keywords: ['sharedaccesskey='],
    pattern:
      /Endpoint=sb:\/\/[A-Za-z0-9-]{1,64}\.servicebus\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)\/?;[ \t]{0,2}SharedAccessKeyName=[^;\s"']{1,256};[ \t]{0,2}SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke:
        'Regenerate the key of that shared access policy (namespace or entity > Shared access policies > Regenerate, or `az servicebus namespace authorization-rule keys renew`), and prefer Entra ID authentication.',
      docsUrl: 'https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas',
    },
    examples: {
      positive: [
        'SERVICEBUS_CONNECTION=Endpoint=sb://acme-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=GaziE8M3svp7pfb8EgvCqyMLuxmy2QUGrJ1zGgnBEw6=',
      ],
      negative: [
        'Endpoint=sb://acme-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>',
      ],
    },
  },
];
