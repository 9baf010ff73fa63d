import type { z } from 'zod';
import type { DevsecopsConfig, ConfigSectionName } from '../core/config/schema.js';
import type { Finding, RuleDescriptor, SkippedItem } from '../core/findings.js';
import type { CommonSettings } from '../core/inputs/resolve-settings.js';
import type { Logger } from '../core/logger.js';
import type { ReportSection } from '../core/report/types.js';
import type { FailOn } from '../core/severity.js';

/** One command-line option of a command, as parseArgs reads it and --help shows it. */
export interface CliOptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** May be given more than once (string options): the values arrive as a list. */
  multiple?: boolean;
  /** The placeholder in help, e.g. `FILE`. */
  valueName?: string;
  description: string;
}

/** What a command's `run` gets: everything resolved, nothing left to parse. */
export interface CommandContext<Options> {
  /** Absolute path of what to scan (the `[path]` argument, default the working directory). */
  root: string;
  cwd: string;
  config: DevsecopsConfig;
  /** The config file's absolute path (it may not exist: then `config` is the defaults). */
  configFile: string;
  /** Whether the terminal report may use colour (--no-color, NO_COLOR, FORCE_COLOR, a TTY). */
  color: boolean;
  /** fail-on-severity, scope and ignores after precedence: flag > config file > command default. */
  settings: CommonSettings;
  /** The command's own options, as its `optionsSchema` parsed them. */
  options: Options;
  logger: Logger;
  env: NodeJS.ProcessEnv;
}

/**
 * What a command returns. The shape follows the action pipeline's ScanResult
 * (src/core/action/scanner.ts), so a scanner can back a command unchanged.
 */
export interface CommandResult {
  /** The folder finding paths are relative to (the repository root); default the scanned path. */
  pathBase?: string;
  findings: Finding[];
  rules?: RuleDescriptor[];
  skipped?: SkippedItem[];
  baselineCompared?: boolean;
  executionSuccessful?: boolean;
  notes?: string[];
  /** Scanner sections beyond the findings (the terminal prints their `text`). */
  sections?: ReportSection[];
  /** Set only by commands that decide the exit status themselves (the policy gate). */
  exitCode?: number;
  /** A report the command rendered itself (already safe for a terminal), printed as is (`devsecops scan`). */
  terminal?: string;
}

/**
 * A CLI command. Each action issue adds one to COMMANDS below with its own
 * options; the frame (run-cli.ts) parses the command line, loads the config,
 * resolves the common settings, calls `run`, prints the report, writes
 * --sarif/--json and sets the exit status.
 */
export interface CliCommand<S extends z.ZodObject = z.ZodObject> {
  /** The command word, e.g. `secrets`. */
  name: string;
  /** One line for the command list in --help. */
  summary: string;
  /** More text for `devsecops <command> --help`. */
  description?: string;
  /** The config file section the command reads; its common keys become the settings. */
  configSection: ConfigSectionName;
  /** fail-on-severity when neither the flag nor the config file sets it. */
  defaultFailOn: FailOn;
  /**
   * False for a command that writes documents rather than findings (sbom):
   * the terminal shows its sections and notes, not a findings report.
   */
  reportsFindings?: boolean;
  /**
   * False for a command that must run whatever the config file says (init,
   * which writes a new one): the file is not read and `config` is the defaults.
   */
  loadsConfig?: boolean;
  /** The command's own options (the global ones are always there). */
  options: Record<string, CliOptionSpec>;
  /**
   * Parses the raw values of `options` (string, boolean or string[] as
   * parseArgs gives them; absent options are undefined), keyed by option name.
   */
  optionsSchema: S;
  run(ctx: CommandContext<z.infer<S>>): Promise<CommandResult>;
}

/** Declares a command with its options typed from its own schema, for the list below. */
export function defineCommand<S extends z.ZodObject>(command: CliCommand<S>): CliCommand {
  return command as unknown as CliCommand;
}
