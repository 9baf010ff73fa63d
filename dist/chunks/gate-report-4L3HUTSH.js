#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{GATE_ID,buildGateComment,buildGateSummary,buildGateText}from"./chunk-BONJFAD6.js";import"./chunk-PO3XV65Q.js";import"./chunk-565NYJ75.js";import"./chunk-OHMQ2EPJ.js";import"./chunk-SAAVZFA6.js";import"./chunk-LURECDTX.js";import"./chunk-CJ3BIKJ7.js";export{GATE_ID,buildGateComment,buildGateSummary,buildGateText};
