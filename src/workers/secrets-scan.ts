// A secrets-scan worker thread: started by the engine's pool (engine/scan-files.ts)
// as dist/workers/secrets-scan.js.
import { runScanWorker } from '../scanners/secrets/engine/scan-worker.js';

runScanWorker();
