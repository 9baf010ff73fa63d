#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{dependencyAuditScanner}from"../chunks/chunk-QJKZ26FZ.js";import"../chunks/chunk-HSZOQ23U.js";import{runActionEntry}from"../chunks/chunk-XHXD2TJA.js";import"../chunks/chunk-YZYCP3NZ.js";import"../chunks/chunk-WYJY3HMZ.js";import"../chunks/chunk-LURECDTX.js";import"../chunks/chunk-ZJXFLLSG.js";import"../chunks/chunk-ZC2KOBJ6.js";import"../chunks/chunk-3EOECLDU.js";import"../chunks/chunk-HTGIGRUN.js";import"../chunks/chunk-CJ3BIKJ7.js";await runActionEntry(dependencyAuditScanner);
