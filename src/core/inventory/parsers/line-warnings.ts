/**
 * Line-by-line formats (go.mod, gradle.lockfile) warn about each line they do
 * not understand; a file that is not of the format at all would otherwise
 * give one warning per line.
 */
const MAX_WARNINGS = 20;

/** The first warnings, and a count of the rest. */
export function capWarnings(warnings: string[]): string[] {
  if (warnings.length <= MAX_WARNINGS) return warnings;
  return [...warnings.slice(0, MAX_WARNINGS), `${warnings.length - MAX_WARNINGS} more lines not understood`];
}
