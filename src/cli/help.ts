import { VERSION } from '../core/version.js';
import type { CliCommand, CliOptionSpec } from './commands.js';
import { GLOBAL_OPTIONS } from './global-options.js';

export const CLI_NAME = 'devsecops';

const EXIT_STATUS_TEXT =
  'Exit status: 0 clean, 1 findings at or above --fail-on-severity, 2 usage or configuration error.';

function optionLines(options: Record<string, CliOptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}`;
    return [flag, spec.description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return rows.map(([flag, description]) => `  ${flag.padEnd(width)}${description}`);
}

/** `devsecops --help`. */
export function renderHelp(commands: readonly CliCommand[]): string {
  const lines = [
    `${CLI_NAME} ${VERSION}: secrets scanning, dependency audit, SBOM and policy gate, on your machine.`,
    '',
    `Usage: ${CLI_NAME} <command> [path] [options]`,
    '',
    'Commands:',
  ];
  if (commands.length === 0) {
    lines.push('  (none in this build yet)');
  } else {
    const width = Math.max(...commands.map((c) => c.name.length)) + 2;
    for (const command of commands) lines.push(`  ${command.name.padEnd(width)}${command.summary}`);
  }
  lines.push('', 'Options:', ...optionLines(GLOBAL_OPTIONS), '', EXIT_STATUS_TEXT, '');
  return lines.join('\n');
}

/** `devsecops <command> --help`. */
export function renderCommandHelp(command: CliCommand): string {
  const lines = [`Usage: ${CLI_NAME} ${command.name} [path] [options]`, '', command.summary];
  if (command.description) lines.push('', command.description);
  if (Object.keys(command.options).length > 0) lines.push('', `Options of ${command.name}:`, ...optionLines(command.options));
  lines.push('', 'Global options:', ...optionLines(GLOBAL_OPTIONS), '', EXIT_STATUS_TEXT, '');
  return lines.join('\n');
}

/** `devsecops --version`. */
export function renderVersion(): string {
  return `${CLI_NAME} ${VERSION}\n`;
}
