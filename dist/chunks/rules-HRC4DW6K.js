#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{BUILTIN_RULES}from"./chunk-ICP7QVW2.js";import"./chunk-TIJ63QXI.js";import"./chunk-CJ3BIKJ7.js";export{BUILTIN_RULES};
