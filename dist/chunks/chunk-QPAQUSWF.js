#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{UsageError}from"./chunk-ZJXFLLSG.js";var MAX_PROBLEM_CHARS=300,PolicyError=class extends UsageError{where;problem;constructor(where,problem){let flat=problem.replace(/\s+/g," ").trim(),short=flat.length>MAX_PROBLEM_CHARS?`${flat.slice(0,MAX_PROBLEM_CHARS-1)}…`:flat;super(`${where}: ${short}`),this.where=where,this.problem=short}};export{PolicyError};
