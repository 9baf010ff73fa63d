import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_CONFIG_PATH } from '../core/config/schema.js';
import { defaultConfig, loadConfig } from '../core/config/load.js';
import { EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, describeError } from '../core/errors.js';
import { failingFindings } from '../core/findings.js';
import { resolveCommonSettings } from '../core/inputs/resolve-settings.js';
import type { Logger } from '../core/logger.js';
import { shouldUseColor } from './color.js';
import { COMMANDS, type CliCommand } from './commands.js';
import { globalOptionsSchema } from './global-options.js';
import { CLI_NAME, renderCommandHelp, renderHelp, renderVersion } from './help.js';
import type { CliIo } from './io.js';
import { CommandLineError, parseArgv, parseOptionValues } from './parse-argv.js';
import { renderSectionsAndNotes, renderTerminalReport } from './terminal-report.js';
import { writeJsonReport, writeSarifReport } from './write-outputs.js';

export interface RunCliOptions {
  /** The commands to offer; the build's COMMANDS unless a test passes its own. */
  commands?: readonly CliCommand[];
}

/** Logs to stderr, so stdout holds only the report. `--quiet` keeps warnings and errors only. */
export function createTerminalLogger(io: CliIo, options: { quiet: boolean }): Logger {
  const debug = io.env.DEVSECOPS_DEBUG !== undefined && io.env.DEVSECOPS_DEBUG !== '' && io.env.DEVSECOPS_DEBUG !== '0';
  return {
    debug: (message) => {
      if (debug) io.stderr.write(`debug: ${message}\n`);
    },
    info: (message) => {
      if (!options.quiet) io.stderr.write(`${message}\n`);
    },
    warning: (message) => io.stderr.write(`warning: ${message}\n`),
    error: (message) => io.stderr.write(`error: ${message}\n`),
  };
}

async function resolveRoot(cwd: string, arg: string | undefined): Promise<string> {
  const root = path.resolve(cwd, arg ?? '.');
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new CommandLineError(`Path "${arg}" does not exist.`);
  if (!info.isDirectory()) throw new CommandLineError(`Path "${arg}" is not a directory.`);
  return root;
}

/**
 * The whole CLI short of process.exit: parses `argv` (without node and the
 * script), runs the command and returns the exit status — 0 clean, 1 findings
 * at or above the threshold, 2 usage or configuration errors, 3 a bug.
 */
export async function runCli(argv: readonly string[], io: CliIo, options: RunCliOptions = {}): Promise<number> {
  const commands = options.commands ?? COMMANDS;
  try {
    return await runParsed(argv, io, commands);
  } catch (error) {
    if (error instanceof CommandLineError) {
      io.stderr.write(`${CLI_NAME}: ${error.message}\nRun "${CLI_NAME} --help" for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`${CLI_NAME}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`${CLI_NAME}: internal error: ${describeError(error)}\n`);
    if (io.env.DEVSECOPS_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT_INTERNAL;
  }
}

async function runParsed(argv: readonly string[], io: CliIo, commands: readonly CliCommand[]): Promise<number> {
  const parsed = parseArgv(argv, commands);
  const globals = parseOptionValues(globalOptionsSchema, parsed.globals);

  if (globals.version) {
    io.stdout.write(renderVersion());
    return EXIT_OK;
  }
  if (globals.help) {
    io.stdout.write(parsed.command ? renderCommandHelp(parsed.command) : renderHelp(commands));
    return EXIT_OK;
  }
  const command = parsed.command;
  if (!command) {
    // No command word: the usage is the answer, but the invocation did nothing.
    io.stderr.write(renderHelp(commands));
    return EXIT_USAGE;
  }
  if (parsed.args.length > 1) throw new CommandLineError(`Unexpected argument "${parsed.args[1]}": ${command.name} takes one path.`);

  const commandOptions = parseOptionValues(command.optionsSchema, parsed.commandOptions);
  const root = await resolveRoot(io.cwd, parsed.args[0]);
  const logger = createTerminalLogger(io, { quiet: globals.quiet });
  const config = command.loadsConfig === false ? defaultConfig() : await loadConfig({
    root,
    // --config is relative to where the user stands; the default file to what is scanned.
    ...(globals.config !== undefined ? { file: path.resolve(io.cwd, globals.config) } : {}),
    explicit: globals.config !== undefined,
    logger,
  });
  const failOnFlag = globals['fail-on-severity'];
  const scopeFlag = globals.scope;
  const settings = resolveCommonSettings({
    inputs: {
      'fail-on-severity': { value: failOnFlag ?? command.defaultFailOn, explicit: failOnFlag !== undefined },
      scope: { value: scopeFlag ?? 'auto', explicit: scopeFlag !== undefined },
    },
    config,
    section: command.configSection,
  });
  logger.debug(`fail-on-severity ${settings.failOnSeverity.value} (from ${settings.failOnSeverity.source}), scope ${settings.scope.value} (from ${settings.scope.source}).`);
  if (!settings.enabled) {
    logger.info(`${command.name}: switched off by "${command.configSection}.enabled: false" in the config file.`);
    return EXIT_OK;
  }

  const configFile = globals.config !== undefined ? path.resolve(io.cwd, globals.config) : path.resolve(root, DEFAULT_CONFIG_PATH);
  const color = shouldUseColor({ isTTY: io.stdout.isTTY, env: io.env, noColorFlag: globals['no-color'] });
  const result = await command.run({ root, cwd: io.cwd, config, configFile, color, settings, options: commandOptions, logger, env: io.env });

  if (command.reportsFindings === false) {
    if (!globals.quiet) io.stdout.write(result.terminal ?? renderSectionsAndNotes(result));
    return result.exitCode ?? EXIT_OK;
  }
  if (globals.json !== undefined) await writeJsonReport(path.resolve(io.cwd, globals.json), command.name, result);
  if (globals.sarif !== undefined) await writeSarifReport(path.resolve(io.cwd, globals.sarif), command.name, result);
  if (!globals.quiet) {
    io.stdout.write(renderTerminalReport(result.findings, {
        color,
        failOn: settings.failOnSeverity.value,
        root: result.pathBase ?? root,
        cwd: io.cwd,
        ...(result.sections ? { sections: result.sections } : {}),
        ...(result.notes ? { notes: result.notes } : {}),
      }),
    );
  }
  if (result.exitCode !== undefined) return result.exitCode;
  return failingFindings(result.findings, settings.failOnSeverity.value).length > 0 ? EXIT_FINDINGS : EXIT_OK;
}
