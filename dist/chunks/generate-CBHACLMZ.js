#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{FILE_NAMES,generateSboms,workspaceSlug}from"./chunk-OC3IE4DT.js";import"./chunk-7IAPEAFK.js";import"./chunk-PFVYN2RP.js";import"./chunk-PGSPN7D4.js";import"./chunk-IMBAVYTV.js";import"./chunk-INP56DFF.js";import"./chunk-GDRKHW3Y.js";import"./chunk-DSNY5JYL.js";import"./chunk-LURECDTX.js";import"./chunk-HTGIGRUN.js";import"./chunk-ZJXFLLSG.js";import"./chunk-CJ3BIKJ7.js";export{FILE_NAMES,generateSboms,workspaceSlug};
