#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{BUILTIN_RULES}from"./chunk-N2FK2KPI.js";import"./chunk-OASLMZFS.js";import"./chunk-CJ3BIKJ7.js";export{BUILTIN_RULES};
