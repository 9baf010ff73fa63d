#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{VERSION,retry}from"./chunk-2X5JNXWM.js";import"./chunk-NFZCMP7Z.js";import"./chunk-MQL2KLTZ.js";import"./chunk-CJ3BIKJ7.js";export{VERSION,retry};
