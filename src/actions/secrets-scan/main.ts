import { runActionEntry } from '../runtime.js';
import { secretsScanner } from '../../scanners/secrets/scanner.js';

await runActionEntry(secretsScanner);
