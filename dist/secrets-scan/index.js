#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{secretsScanner}from"../chunks/chunk-RUYPQFYY.js";import"../chunks/chunk-N2FK2KPI.js";import"../chunks/chunk-ENRSWGSX.js";import"../chunks/chunk-ZMI6Y3WD.js";import"../chunks/chunk-OASLMZFS.js";import{runActionEntry}from"../chunks/chunk-XHXD2TJA.js";import"../chunks/chunk-YZYCP3NZ.js";import"../chunks/chunk-WYJY3HMZ.js";import"../chunks/chunk-LURECDTX.js";import"../chunks/chunk-ZJXFLLSG.js";import"../chunks/chunk-3EOECLDU.js";import"../chunks/chunk-HTGIGRUN.js";import"../chunks/chunk-CJ3BIKJ7.js";await runActionEntry(secretsScanner);
