#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{dependencyAuditScanner}from"../chunks/chunk-OI6MLFWN.js";import{runActionEntry}from"../chunks/chunk-AVEZ4ABA.js";import"../chunks/chunk-UKXWLNIY.js";import"../chunks/chunk-7AODSFFQ.js";import"../chunks/chunk-LURECDTX.js";import"../chunks/chunk-ZJXFLLSG.js";import"../chunks/chunk-HTGIGRUN.js";import"../chunks/chunk-CJ3BIKJ7.js";await runActionEntry(dependencyAuditScanner);
