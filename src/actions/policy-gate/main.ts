import { runPipelineEntry } from '../runtime.js';
import { runPolicyGateAction } from '../../scanners/policy/run-policy-gate-action.js';

await runPipelineEntry('policy-gate', (runtime) => runPolicyGateAction(runtime));
