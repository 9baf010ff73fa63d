#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{BUILTIN_RULES}from"./chunk-MNLR4NVE.js";import"./chunk-MBU6ZGUV.js";import"./chunk-XHVDTFJE.js";import"./chunk-CJ3BIKJ7.js";export{BUILTIN_RULES};
