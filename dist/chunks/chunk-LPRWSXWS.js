#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
function capWarnings(warnings){return warnings.length<=20?warnings:[...warnings.slice(0,20),`${warnings.length-20} more lines not understood`]}export{capWarnings};
