#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{loadPolicy,parsePolicyText}from"./chunk-TM5TEA5M.js";import"./chunk-7ZIB3ROS.js";import"./chunk-D2B6UJCS.js";import"./chunk-D3RC3XRU.js";import"./chunk-7GAYZCZJ.js";import"./chunk-ACKLEPLB.js";import"./chunk-SAAVZFA6.js";import"./chunk-LURECDTX.js";import"./chunk-HTGIGRUN.js";import"./chunk-ZJXFLLSG.js";import"./chunk-CJ3BIKJ7.js";export{loadPolicy,parsePolicyText};
