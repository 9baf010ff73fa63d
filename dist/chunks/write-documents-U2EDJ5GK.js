#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{writeDocuments}from"./chunk-KH46C4FN.js";import"./chunk-ZJXFLLSG.js";import"./chunk-CJ3BIKJ7.js";export{writeDocuments};
