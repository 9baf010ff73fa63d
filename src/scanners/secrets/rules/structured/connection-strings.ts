import type { SecretRule } from '../../rule.js';
import { shannonEntropy } from '../../filters/entropy.js';
import { isPlaceholder, isSequentialOrRepeated } from '../../filters/placeholder.js';
import { PASSWORD_REMEDIATION } from './remediation.js';

/**
 * Passwords embedded in URIs and connection strings. The secret is the
 * password alone, so the fingerprint survives a host or user change and the
 * redacted line still shows where the server is.
 */

/** Hosts that only the developer's own machine can reach. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|[\w-]{1,63}\.localhost)$/i;

function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Whether a password found next to `user` on `host` is worth reporting:
 * not a placeholder, not the user name again, not a sequence; on a loopback
 * host only when it looks generated (a local database's `postgres:postgres`
 * opens nothing anyone else can reach).
 */
export function isReportablePassword(rawPassword: string, user?: string, host?: string): boolean {
  const password = percentDecode(rawPassword);
  if (password.length < 4 || isPlaceholder(password) || isSequentialOrRepeated(password)) return false;
  if (user !== undefined && password.toLowerCase() === percentDecode(user).toLowerCase()) return false;
  // Template syntaxes that survive as text in a URI: `:password@`, `:[password]@`, `:%s@`.
  if (/^(?::\w{1,40}|%[sd]|\?)$/.test(password)) return false;
  if (host !== undefined && LOOPBACK_HOST.test(host)) return password.length >= 12 && shannonEntropy(password) >= 3.5;
  return true;
}

/** `user:password@host`: the user and password exclude the delimiters around them; the host is a name, IPv4 or [IPv6]. */
const USERINFO_HOST = String.raw`(?<user>[^\s:@/?#"'\`<>]{0,128}):(?<secret>[^\s@/?#"'\`<>]{1,256})@(?<host>\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9._~%-]{1,253})`;

const DATABASE_SCHEMES = [
  'postgres',
  'postgresql',
  'mysql',
  'mysqlx',
  'mariadb',
  'mongodb',
  'mongodb\\+srv',
  'redis',
  'rediss',
  'valkey',
  'amqp',
  'amqps',
  'mssql',
  'sqlserver',
  'cockroachdb',
  'clickhouse',
  'couchdb',
  'neo4j',
  'neo4j\\+s',
  'bolt',
  'nats',
  'oracle',
  'db2',
  'memcached',
  'ldap',
  'ldaps',
  'smtp',
  'smtps',
];

const verifyUriPassword = (secret: string, groups: Readonly<Record<string, string | undefined>>): boolean =>
  isReportablePassword(secret, groups['user'], groups['host']);

const databaseUri: SecretRule = {
  id: 'connection-uri-password',
  title: 'Password in a database or message-broker connection URI',
  provider: 'Generic',
  keywords: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'valkey', 'amqp', 'mssql', 'sqlserver', 'cockroachdb', 'clickhouse', 'couchdb', 'neo4j', 'bolt://', 'nats://', 'oracle://', 'db2://', 'memcached', 'ldap', 'smtp'],
  // `postgresql+psycopg2://`: SQLAlchemy's dialect+driver form.
  pattern: new RegExp(String.raw`(?<![A-Za-z0-9+.-])(?:${DATABASE_SCHEMES.join('|')})(?:\+[a-z0-9]{2,20})?://${USERINFO_HOST}`, 'i'),
  confidence: 'medium',
  severity: 'high',
  verify: verifyUriPassword,
  remediation: PASSWORD_REMEDIATION,
  examples: {
    positive: [
      'DATABASE_URL=postgres://billing:Zq8vR2mLx9TkW4p@db.prod.internal:5432/billing',
      'spring.data.mongodb.uri: mongodb+srv://app:h7Gk2pQ9xL4mN8sV@cluster0.ab1cd.mongodb.net/app?retryWrites=true',
      'REDIS_URL = "rediss://:Vb6nM1qZ8wK3tY5r@cache.example.net:6380/0"',
      "engine = create_engine('postgresql+psycopg2://etl:Q2w8%40Lm4%21Zx9@10.2.3.4/warehouse')",
      'amqp://orders:R4tY7uI9oP2aS5dF@rabbit.prod:5672/orders',
      'mysql://root:N3wP4ss-2024-prod@mysql.internal:3306/shop',
    ],
    negative: [
      'DATABASE_URL=postgres://user:password@localhost:5432/app',
      'postgres://postgres:postgres@db:5432/postgres',
      'mongodb://admin:${MONGO_PASSWORD}@mongo:27017',
      'redis://:changeme@redis:6379',
      'mysql://app:pass@localhost/app',
      'postgres://db.internal:5432/app',
      'postgresql://app:<password>@db.internal/app',
      'amqp://guest:guest@localhost:5672/',
      'mysql://root:%s@%s:%d/%s',
      'postgres://app:****@db.internal/app',
    ],
  },
};

const ftpUri: SecretRule = {
  id: 'ftp-uri-password',
  title: 'Password in an FTP/SFTP URI',
  provider: 'Generic',
  keywords: ['ftp://', 'ftps://', 'sftp://'],
  pattern: new RegExp(String.raw`(?<![A-Za-z0-9+.-])(?:ftps?|sftp)://${USERINFO_HOST}`, 'i'),
  confidence: 'medium',
  severity: 'high',
  verify: verifyUriPassword,
  remediation: PASSWORD_REMEDIATION,
  examples: {
    positive: ['deploy_target: ftp://webdeploy:G5hJ8kL2mN4pQ7rS@ftp.example-host.net/public_html'],
    negative: ['ftp://anonymous:anonymous@ftp.gnu.org/gnu/', 'ftp://user:password@ftp.example.com'],
  },
};

const httpBasicAuthUrl: SecretRule = {
  id: 'http-basic-auth-url',
  title: 'Password in an HTTP(S) URL (basic authentication)',
  provider: 'Generic',
  keywords: ['http://', 'https://'],
  pattern: new RegExp(String.raw`(?<![A-Za-z0-9+.-])https?://${USERINFO_HOST}`, 'i'),
  // Every URL in a file is a hit: look only from the scheme on, as far as user:password@host can reach.
  window: { before: 0, after: 648, sameLine: true },
  confidence: 'medium',
  severity: 'medium',
  verify: (secret, groups) => verifyUriPassword(secret, groups) && !/^\d{1,5}$/.test(secret),
  remediation: PASSWORD_REMEDIATION,
  examples: {
    positive: [
      'registry=https://ci-bot:T7yU3iO9pA1sD4fG@nexus.corp.example/repository/npm/',
      'git remote add origin https://deploy:Kx82mQz7LpV4nRt9@git.internal.example/team/app.git',
    ],
    negative: [
      'https://x-access-token:${{ secrets.GITHUB_TOKEN }}@github.com/org/repo.git',
      'http://username:password@proxy.example.com:3128',
      'https://user:pass@localhost:8443/',
      'https://example.com/path?a=b',
      'http://admin:admin@192.168.1.1/',
    ],
  },
};

const jdbc: SecretRule = {
  id: 'jdbc-password',
  title: 'Password in a JDBC URL',
  provider: 'Generic',
  keywords: ['jdbc:'],
  pattern: new RegExp(String.raw`(?<![\w])jdbc:[a-z0-9]{2,20}:[^\s"'\`<>]{0,512}?[?&;:](?:password|pwd)=(?<secret>[^\s&;"'\`<>]{1,256})`, 'i'),
  confidence: 'medium',
  severity: 'high',
  verify: (secret) => isReportablePassword(secret),
  remediation: PASSWORD_REMEDIATION,
  examples: {
    positive: [
      'spring.datasource.url=jdbc:postgresql://db.prod.internal:5432/orders?user=orders&password=Hq7Ls2Kd9Pw4Xz1',
      'url = "jdbc:sqlserver://sql01.corp.example:1433;databaseName=crm;user=crm_app;password=V8bN2mQ6xZ4cR1t;encrypt=true"',
    ],
    negative: ['jdbc:mysql://localhost:3306/app?user=root&password=${DB_PASSWORD}', 'jdbc:postgresql://db:5432/app?user=app&password=password'],
  },
};

/**
 * ADO.NET / ODBC connection strings: `Server=…;Database=…;User Id=…;Password=…`.
 * The keys before the password are captured so `verify` can require a server
 * key among them; a lone `Password=` is the generic rule's business.
 */
const adoNet: SecretRule = {
  id: 'ado-net-connection-string-password',
  title: 'Password in an ADO.NET/ODBC connection string',
  provider: 'Generic',
  keywords: ['password', 'pwd'],
  pattern: new RegExp(
    String.raw`(?<![\w])(?<prefix>(?:[A-Za-z][A-Za-z ]{1,30}=[^;"'\`\r\n]{0,256};[ \t]{0,4}){1,12})(?:Password|Pwd)[ \t]{0,4}=[ \t]{0,4}(?<secret>[^;"'\`\r\n]{1,256})`,
    'i',
  ),
  confidence: 'medium',
  severity: 'high',
  verify: (secret, groups) => {
    const prefix = groups['prefix'] ?? '';
    if (!/(?:^|;)\s*(?:server|data source|host|address|addr|network address|hostname)\s*=/i.test(prefix)) return false;
    const host = /(?:server|data source|host|hostname)\s*=\s*(?:tcp:)?([^;,\\]+)/i.exec(prefix)?.[1]?.trim();
    const user = /(?:user id|uid|user|username)\s*=\s*([^;]+)/i.exec(prefix)?.[1]?.trim();
    return isReportablePassword(secret.trim(), user, host === '.' || host === '(local)' ? 'localhost' : host);
  },
  remediation: PASSWORD_REMEDIATION,
  examples: {
    positive: [
      '"DefaultConnection": "Server=tcp:sql-prod.database.windows.net,1433;Initial Catalog=shop;User ID=shop_app;Password=Xk4#mP9vQ2wL7zR;Encrypt=True;"',
      'Data Source=sql01.corp.example;Initial Catalog=Payroll;User Id=payroll;Pwd=Fj3kL8qW2eR6tY9u;',
    ],
    negative: [
      'Server=localhost;Database=app;User Id=sa;Password=Your_password123;',
      'Server=(local);Database=app;Trusted_Connection=True;',
      'Server=db;Database=app;User Id=app;Password={your_password};',
      'Data Source=.;Initial Catalog=dev;User ID=sa;Password=sa;',
    ],
  },
};

export const CONNECTION_STRING_RULES: readonly SecretRule[] = [databaseUri, ftpUri, httpBasicAuthUrl, jdbc, adoNet];
