import type { CliCommand } from './command-types.js';
import { dependencyAuditCommand } from './commands/dependency-audit.js';
import { initCommand } from './commands/init.js';
import { policyGateCommand } from './commands/policy-gate.js';
import { scanCommand } from './commands/scan.js';
import { sbomCommand } from './commands/sbom.js';
import { secretsScanCommand } from './commands/secrets-scan.js';

// The types and defineCommand live in command-types.ts, so that a command
// module can import them without importing every other command (a cycle).
export * from './command-types.js';

/**
 * The commands this build has. Each action issue appends its command here
 * (e.g. `secretsCommand` from `./commands/secrets.ts`); there are no
 * placeholders for commands that do not exist yet.
 */
export const COMMANDS: readonly CliCommand[] = [scanCommand, secretsScanCommand, dependencyAuditCommand, sbomCommand, policyGateCommand, initCommand];
