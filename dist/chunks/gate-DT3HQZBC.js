#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{describeInputs,runGate,utcDay}from"./chunk-SUG3K6S2.js";import"./chunk-BW6EEGCD.js";import"./chunk-HQTCABYJ.js";import"./chunk-7T54CTEJ.js";import"./chunk-E4LUVENH.js";import"./chunk-ZC2KOBJ6.js";import"./chunk-IMBAVYTV.js";import"./chunk-4NUT5HG5.js";import"./chunk-OHMQ2EPJ.js";import"./chunk-6U2HWRGC.js";import"./chunk-SAAVZFA6.js";import"./chunk-LURECDTX.js";import"./chunk-HTGIGRUN.js";import"./chunk-ZJXFLLSG.js";import"./chunk-CJ3BIKJ7.js";export{describeInputs,runGate,utcDay};
