#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{describeSubject,documentTimestamp,epochToIso,folderName,normalizeRepositoryUrl,originUrl}from"./chunk-7IAPEAFK.js";import"./chunk-DSNY5JYL.js";import"./chunk-ZJXFLLSG.js";import"./chunk-CJ3BIKJ7.js";export{describeSubject,documentTimestamp,epochToIso,folderName,normalizeRepositoryUrl,originUrl};
