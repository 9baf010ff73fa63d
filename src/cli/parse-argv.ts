import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { UsageError } from '../core/errors.js';
import { describeIssue, suggestKey } from '../core/config/describe-issue.js';
import type { CliCommand, CliOptionSpec } from './commands.js';
import { GLOBAL_OPTIONS } from './global-options.js';

/** A mistake on the command line: reported with a pointer to --help. */
export class CommandLineError extends UsageError {}

export type RawOptionValue = string | boolean | string[];

export interface ParsedArgv {
  /** The command word, if one was given. */
  command: CliCommand | undefined;
  /** Positional arguments after the command word. */
  args: string[];
  /** Values of the global options, by name. */
  globals: Record<string, RawOptionValue>;
  /** Values of the command's own options, by name. */
  commandOptions: Record<string, RawOptionValue>;
}

function unknownOption(
  rawName: string,
  name: string,
  allowed: Record<string, CliOptionSpec>,
  command: CliCommand | undefined,
): CommandLineError {
  const suggestion = suggestKey(name, Object.keys(allowed));
  const where = command ? ` for "${command.name}"` : '';
  return new CommandLineError(`Unknown option ${rawName}${where}${suggestion ? ` (did you mean --${suggestion}?)` : ''}.`);
}

/**
 * Splits the command line into the command, its positional arguments and the
 * values of the global and command options. parseArgs tokenises (knowing every
 * command's options, so a value before the command word is not mistaken for
 * it); the checks are ours, so each mistake gets one clear line.
 */
export function parseArgv(argv: readonly string[], commands: readonly CliCommand[]): ParsedArgv {
  const all: Record<string, CliOptionSpec> = {};
  for (const command of commands) Object.assign(all, command.options);
  for (const [name, spec] of Object.entries(GLOBAL_OPTIONS)) all[name] = spec;
  const parseOptions: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(all)) {
    parseOptions[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }

  const { tokens } = parseArgs({ args: [...argv], options: parseOptions, strict: false, allowPositionals: true, tokens: true });

  // An option no command knows is reported first: its value would otherwise be taken for the command word.
  for (const token of tokens) {
    if (token.kind === 'option' && !all[token.name]) throw unknownOption(token.rawName, token.name, all, undefined);
  }

  const positionals = tokens.filter((t) => t.kind === 'positional').map((t) => t.value);
  const [commandName, ...args] = positionals;
  const command = commandName === undefined ? undefined : commands.find((c) => c.name === commandName);
  const helpOrVersion = tokens.some((t) => t.kind === 'option' && (t.name === 'help' || t.name === 'version'));
  if (commandName !== undefined && !command && !helpOrVersion) {
    const suggestion = suggestKey(commandName, commands.map((c) => c.name));
    const known = commands.length > 0 ? ` Commands: ${commands.map((c) => c.name).join(', ')}.` : ' This build has no commands yet.';
    throw new CommandLineError(`Unknown command "${commandName}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}.${known}`);
  }

  const allowed: Record<string, CliOptionSpec> = { ...(command?.options ?? {}), ...GLOBAL_OPTIONS };
  const globals: Record<string, RawOptionValue> = {};
  const commandOptions: Record<string, RawOptionValue> = {};
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = allowed[token.name];
    if (!spec) throw unknownOption(token.rawName, token.name, allowed, command);
    const target = token.name in GLOBAL_OPTIONS ? globals : commandOptions;
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new CommandLineError(`Option --${token.name} takes no value.`);
      target[token.name] = true;
      continue;
    }
    // parseArgs (not strict) would take the next option as the value: `--config --quiet`.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
      throw new CommandLineError(`Option --${token.name} needs a value (${spec.valueName ?? 'VALUE'}).`);
    }
    const previous = target[token.name];
    if (spec.multiple) {
      target[token.name] = [...(Array.isArray(previous) ? previous : []), token.value];
    } else if (previous !== undefined) {
      throw new CommandLineError(`Option --${token.name} was given more than once.`);
    } else {
      target[token.name] = token.value;
    }
  }
  return { command, args, globals, commandOptions };
}

/**
 * Parses option values with a zod schema; the first problem becomes one line
 * naming the option and what it accepts, e.g.
 * `Option --fail-on-severity must be one of critical, high, medium, low, any, none (got "severe").`
 */
export function parseOptionValues<S extends z.ZodObject>(schema: S, values: Record<string, RawOptionValue>): z.infer<S> {
  const result = schema.safeParse(values, { reportInput: true });
  if (result.success) return result.data;
  const [first] = result.error.issues;
  if (!first) throw new CommandLineError('Invalid options.');
  const d = describeIssue(first, { separator: ', ' });
  const name = `--${String(first.path[0] ?? '')}`;
  const what = d.problem ?? `must be ${d.expected ?? 'valid'}${d.got !== undefined ? ` (got ${d.got})` : ''}`;
  throw new CommandLineError(`Option ${name} ${what}.`);
}
