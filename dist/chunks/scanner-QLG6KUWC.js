#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{secretsScanner}from"./chunk-J7WXE6YO.js";import"./chunk-MNLR4NVE.js";import"./chunk-N4KKEGTC.js";import"./chunk-ENRSWGSX.js";import"./chunk-BVYOGFPO.js";import"./chunk-MBU6ZGUV.js";import"./chunk-XHVDTFJE.js";import"./chunk-6LA6GEHD.js";import"./chunk-INP56DFF.js";import"./chunk-67CIFFVE.js";import"./chunk-OHMQ2EPJ.js";import"./chunk-DSNY5JYL.js";import"./chunk-GBJLKMRW.js";import"./chunk-6U2HWRGC.js";import"./chunk-ACKLEPLB.js";import"./chunk-SAAVZFA6.js";import"./chunk-LURECDTX.js";import"./chunk-ZJXFLLSG.js";import"./chunk-CJ3BIKJ7.js";export{secretsScanner};
