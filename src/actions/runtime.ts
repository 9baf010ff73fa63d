import * as core from '@actions/core';
import { runAction, type ActionOutcome, type ActionRuntime } from '../core/action/run-action.js';
import type { Scanner } from '../core/action/scanner.js';
import type { Logger } from '../core/logger.js';
import { EXIT_INTERNAL } from '../core/errors.js';

/** The logger of a step: the toolkit's commands, which the runner turns into log lines and annotations. */
const stepLogger: Logger = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  error: (m) => core.error(m),
};

/** Binds the pipeline to the runner through @actions/core. The only place the actions touch the toolkit. */
export function createRunnerRuntime(): ActionRuntime {
  return {
    env: process.env,
    // Raw strings: the scanner's zod schema trims, defaults and validates them.
    getInput: (name) => core.getInput(name, { trimWhitespace: false }),
    setOutput: (name, value) => core.setOutput(name, value),
    appendSummary: async (markdown) => {
      await core.summary.addRaw(markdown, true).write();
    },
    annotate: ({ level, message, ...properties }) => {
      const fn = level === 'error' ? core.error : level === 'warning' ? core.warning : core.notice;
      fn(message, properties);
    },
    logger: stepLogger,
  };
}

/**
 * What an action's main.ts calls. Exit statuses: 0 pass, 1 findings at the
 * threshold, 2 usage or configuration error; an unexpected error is reported as
 * a bug with its stack in the debug log.
 */
export async function runActionEntry(scanner: Scanner): Promise<void> {
  await runPipelineEntry(scanner.id, (runtime) => runAction(scanner, runtime));
}

/** The same for an action with a pipeline of its own (the sbom action reports no findings). */
export async function runPipelineEntry(name: string, pipeline: (runtime: ActionRuntime) => Promise<ActionOutcome>): Promise<void> {
  try {
    const outcome = await pipeline(createRunnerRuntime());
    process.exitCode = outcome.exitCode;
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    core.debug(err.stack ?? err.message);
    core.error(`${name} failed unexpectedly: ${err.message}. This is a bug in devsecops-actions; please report it with the debug log.`);
    process.exitCode = EXIT_INTERNAL;
  }
}
