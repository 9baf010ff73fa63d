#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{dependencyAuditScanner}from"../chunks/chunk-LOTFZR5Q.js";import{runActionEntry}from"../chunks/chunk-HTCI4QEZ.js";import"../chunks/chunk-RBXYN44Y.js";import"../chunks/chunk-7AODSFFQ.js";import"../chunks/chunk-LURECDTX.js";import"../chunks/chunk-ZJXFLLSG.js";import"../chunks/chunk-ZC2KOBJ6.js";import"../chunks/chunk-3EOECLDU.js";import"../chunks/chunk-HTGIGRUN.js";import"../chunks/chunk-CJ3BIKJ7.js";await runActionEntry(dependencyAuditScanner);
