import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSarifLog } from '../core/sarif/writer.js';
import { INFORMATION_URI, TOOL_NAME, VERSION } from '../core/version.js';
import { sortFindings } from '../core/findings.js';
import type { CommandResult } from './commands.js';

/** The `--json` file's version, bumped when its shape changes incompatibly. */
export const JSON_REPORT_VERSION = 1;

async function writeText(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

/** Builds the `--json` document: the findings in report order and what was skipped. */
export function buildJsonReport(command: string, result: CommandResult): Record<string, unknown> {
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    command,
    findings: sortFindings(result.findings),
    skipped: result.skipped ?? [],
    notes: result.notes ?? [],
  };
}

/** Writes `--json FILE`. */
export async function writeJsonReport(file: string, command: string, result: CommandResult): Promise<void> {
  await writeText(file, `${JSON.stringify(buildJsonReport(command, result), null, 2)}\n`);
}

/** Writes `--sarif FILE` with the same builder the actions upload from; the category is `devsecops/<command>/`. */
export async function writeSarifReport(file: string, command: string, result: CommandResult): Promise<void> {
  const log = buildSarifLog({
    tool: { name: TOOL_NAME, version: VERSION, informationUri: INFORMATION_URI },
    rules: result.rules ?? [],
    findings: result.findings,
    category: `devsecops/${command}/`,
    skipped: result.skipped ?? [],
    executionSuccessful: result.executionSuccessful ?? true,
    baselineCompared: result.baselineCompared ?? false,
    ...(result.notes ? { invocationNotes: result.notes } : {}),
  });
  await writeText(file, `${JSON.stringify(log, null, 2)}\n`);
}
