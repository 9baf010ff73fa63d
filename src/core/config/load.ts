import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { MAX_CONFIG_BYTES } from './schema.js';
import { configSchema, DEFAULT_CONFIG_PATH, type DevsecopsConfig } from './schema.js';

export interface LoadConfigOptions {
  /** The repository root; a relative `file` is resolved against it. */
  root: string;
  /** The config file, relative to `root` or absolute. Defaults to `.github/devsecops.yml`. */
  file?: string;
  /**
   * True when the user named the file (the `config` input, `--config`): then a
   * missing file is an error. The default file is optional.
   */
  explicit: boolean;
  logger?: Logger;
}

/** The config every run uses when there is no config file: every default applied. */
export function defaultConfig(): DevsecopsConfig {
  return configSchema.parse({});
}

/**
 * Reads and validates the suite's config file. A missing file gives the
 * defaults unless it was named explicitly; everything else that is wrong with
 * it throws a one-line UsageError naming the file (and line, key path, what was
 * expected and what was found).
 */
export async function loadConfig(options: LoadConfigOptions): Promise<DevsecopsConfig> {
  const logger = options.logger ?? silentLogger;
  const file = options.file ?? DEFAULT_CONFIG_PATH;
  const absolute = path.resolve(options.root, file);

  let size: number;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw new UsageError(`${file}: expected a config file, but it is not a regular file`);
    size = info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ENOENT' || code === 'ENOTDIR') && !options.explicit) {
      logger.debug(`No config file at ${file}; using the defaults.`);
      return defaultConfig();
    }
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`${file}: config file not found (under ${options.root})`);
    throw new UsageError(`${file}: cannot read the config file (${code ?? String(error)})`);
  }
  if (size > MAX_CONFIG_BYTES) {
    throw new UsageError(`${file}: config file is ${size} bytes; at most ${MAX_CONFIG_BYTES} are read`);
  }

  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  // The YAML parser is loaded only when there is a file to parse: most runs
  // have none, and it is a sixth of what an action would load at start.
  const { parseConfigText } = await import('./parse-config.js');
  const config = parseConfigText(text, file);
  logger.debug(`Read config from ${file}.`);
  return config;
}
