/**
 * Where the gate's policy comes from: the `policy` section of the config file
 * (the default), or a policy file of its own (`policy` input, `--policy`),
 * so a security team can keep one policy for many repositories. A policy
 * file is either the section itself at the top level or a file with a
 * `policy:` key (so a copy of .github/devsecops.yml works as one).
 *
 * The evidence records which it was and the SHA-256 of its bytes: an auditor
 * can tell exactly which policy decided.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseYamlWithSchema } from '../../core/config/parse-config.js';
import { MAX_CONFIG_BYTES, type DevsecopsConfig } from '../../core/config/schema.js';
import { policySectionSchema, type PolicySection } from '../../core/config/sections/policy.js';
import { UsageError } from '../../core/errors.js';

export interface LoadedPolicy {
  section: PolicySection;
  /** The start of key paths in policy errors: `policy` for the config section, the file's name for a file. */
  where: string;
  /** What the evidence says of it. */
  source: { kind: 'config' | 'file'; path: string; sha256?: string };
}

/** A policy file with a `policy:` key; other keys (a whole config file) are allowed and ignored. */
const wrappedSchema = z.looseObject({ policy: policySectionSchema });

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The policy of this run. `file` (relative to `root`) wins over the config
 * section; `configFile` is where that section was read from, for the
 * evidence (its hash when it exists).
 */
export async function loadPolicy(options: { root: string; file?: string; config: DevsecopsConfig; configFile: string }): Promise<LoadedPolicy> {
  if (options.file === undefined || options.file === '') {
    const absolute = path.resolve(options.root, options.configFile);
    const text = await readFile(absolute, 'utf8').catch(() => undefined);
    return {
      section: options.config.policy,
      where: 'policy',
      source: { kind: 'config', path: options.configFile, ...(text !== undefined ? { sha256: sha256(text) } : {}) },
    };
  }
  const file = options.file;
  const absolute = path.resolve(options.root, file);
  let text: string;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw new UsageError(`${file}: expected a policy file, but it is not a regular file`);
    if (info.size > MAX_CONFIG_BYTES) throw new UsageError(`${file}: policy file is ${info.size} bytes; at most ${MAX_CONFIG_BYTES} are read`);
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' || code === 'ENOTDIR' ? `${file}: policy file not found` : `${file}: cannot read the policy file (${code ?? String(error)})`);
  }
  return { section: parsePolicyText(text, file), where: file, source: { kind: 'file', path: file, sha256: sha256(text) } };
}

/** Parses a policy file's text (either shape); errors are one line with position and key path. */
export function parsePolicyText(text: string, file: string): PolicySection {
  if (hasPolicyKey(text)) return parseYamlWithSchema(text, file, wrappedSchema).policy;
  return parseYamlWithSchema(text, file, policySectionSchema);
}

/** Whether the top level has a `policy` key; a file YAML cannot parse goes on to the full parser for its error. */
function hasPolicyKey(text: string): boolean {
  try {
    const data: unknown = parseYaml(text, { maxAliasCount: 50, logLevel: 'silent' });
    return typeof data === 'object' && data !== null && !Array.isArray(data) && 'policy' in data;
  } catch {
    return false;
  }
}
