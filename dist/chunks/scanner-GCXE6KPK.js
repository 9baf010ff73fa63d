#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{defaultCacheDir,dependencyAuditScanner}from"./chunk-SPMBZNMV.js";import"./chunk-E4LUVENH.js";import"./chunk-ZC2KOBJ6.js";import"./chunk-PFVYN2RP.js";import"./chunk-IMBAVYTV.js";import"./chunk-6LA6GEHD.js";import"./chunk-INP56DFF.js";import"./chunk-565NYJ75.js";import"./chunk-DSNY5JYL.js";import"./chunk-GBJLKMRW.js";import"./chunk-6U2HWRGC.js";import"./chunk-SAAVZFA6.js";import"./chunk-LURECDTX.js";import"./chunk-HTGIGRUN.js";import"./chunk-ZJXFLLSG.js";import"./chunk-CJ3BIKJ7.js";export{defaultCacheDir,dependencyAuditScanner};
