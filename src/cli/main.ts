import { createProcessIo } from './io.js';
import { runCli } from './run-cli.js';

// Set exitCode instead of calling process.exit, so piped output is flushed first.
process.exitCode = await runCli(process.argv.slice(2), createProcessIo());
