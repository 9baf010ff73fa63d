import { runActionEntry } from '../runtime.js';
import { dependencyAuditScanner } from '../../scanners/dependencies/scanner.js';

await runActionEntry(dependencyAuditScanner);
