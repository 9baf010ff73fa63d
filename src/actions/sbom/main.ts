import { runPipelineEntry } from '../runtime.js';
import { runSbomAction } from '../../scanners/sbom/run-sbom-action.js';

await runPipelineEntry('sbom', runSbomAction);
