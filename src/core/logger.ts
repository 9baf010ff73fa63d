/**
 * Library code logs through this interface; only entry points bind it to
 * @actions/core or the terminal, and tests use a recording one.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warning() {},
  error() {},
};

export interface RecordedLine {
  level: keyof Logger;
  message: string;
}

/** A logger that keeps every line, for tests and for replaying into a summary. */
export function createRecordingLogger(): Logger & { lines: RecordedLine[] } {
  const lines: RecordedLine[] = [];
  const record = (level: keyof Logger) => (message: string) => {
    lines.push({ level, message });
  };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warning: record('warning'),
    error: record('error'),
  };
}
