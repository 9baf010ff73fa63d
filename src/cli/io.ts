/**
 * Everything the CLI touches in the process, so tests run it with a fake:
 * output streams, environment and working directory.
 */
export interface CliStream {
  write(text: string): void;
  /** True when the stream is a terminal (colour is then allowed). */
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The real process. */
export function createProcessIo(): CliIo {
  return {
    stdout: { write: (text) => void process.stdout.write(text), isTTY: process.stdout.isTTY === true },
    stderr: { write: (text) => void process.stderr.write(text), isTTY: process.stderr.isTTY === true },
    env: process.env,
    cwd: process.cwd(),
  };
}
