import { runPipelineEntry } from '../runtime.js';
import { runSuiteAction } from '../../suite/run-suite-action.js';

await runPipelineEntry('devsecops', (runtime) => runSuiteAction(runtime));
