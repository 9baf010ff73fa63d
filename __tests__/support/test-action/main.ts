import { runActionEntry } from '../../../src/actions/runtime.js';
import { plantedFindingsScanner } from './planted-findings-scanner.js';

await runActionEntry(plantedFindingsScanner);
