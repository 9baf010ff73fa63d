#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{expandGlobs,gateInputsSchema}from"./chunk-H5HUG5NK.js";import"./chunk-ETKDSHXH.js";import"./chunk-GBJLKMRW.js";import"./chunk-7GAYZCZJ.js";import"./chunk-ACKLEPLB.js";import"./chunk-SAAVZFA6.js";import"./chunk-LURECDTX.js";import"./chunk-HTGIGRUN.js";import"./chunk-CJ3BIKJ7.js";export{expandGlobs,gateInputsSchema};
