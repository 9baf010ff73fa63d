#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{BASELINE_VERSION,buildBaseline,isInBaseline,parseBaseline,readBaseline,readBaselineIfPresent,renderBaseline,writeBaseline}from"./chunk-N4KKEGTC.js";import"./chunk-XHVDTFJE.js";import"./chunk-6U2HWRGC.js";import"./chunk-LURECDTX.js";import"./chunk-ZJXFLLSG.js";import"./chunk-CJ3BIKJ7.js";export{BASELINE_VERSION,buildBaseline,isInBaseline,parseBaseline,readBaseline,readBaselineIfPresent,renderBaseline,writeBaseline};
