#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{secretsScanner}from"./chunk-HL7X3JHI.js";import"./chunk-MNLR4NVE.js";import"./chunk-N4KKEGTC.js";import"./chunk-ENRSWGSX.js";import"./chunk-BVYOGFPO.js";import"./chunk-MBU6ZGUV.js";import"./chunk-XHVDTFJE.js";import"./chunk-INP56DFF.js";import"./chunk-QL4WNRE7.js";import"./chunk-GBJLKMRW.js";import"./chunk-DSNY5JYL.js";import"./chunk-6U2HWRGC.js";import"./chunk-7KA4D33G.js";import"./chunk-P4HW7CIE.js";import"./chunk-LURECDTX.js";import"./chunk-ZJXFLLSG.js";import"./chunk-CJ3BIKJ7.js";export{secretsScanner};
