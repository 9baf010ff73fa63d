#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{compilePolicy,loadRegoConditions}from"./chunk-YRFUXUO7.js";import"./chunk-HQTCABYJ.js";import"./chunk-QPAQUSWF.js";import"./chunk-E4LUVENH.js";import"./chunk-ZC2KOBJ6.js";import"./chunk-PGSPN7D4.js";import"./chunk-IMBAVYTV.js";import"./chunk-6U2HWRGC.js";import"./chunk-SAAVZFA6.js";import"./chunk-LURECDTX.js";import"./chunk-HTGIGRUN.js";import"./chunk-ZJXFLLSG.js";import"./chunk-CJ3BIKJ7.js";export{compilePolicy,loadRegoConditions};
