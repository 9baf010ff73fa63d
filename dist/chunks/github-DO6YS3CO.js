#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{context,getOctokit}from"./chunk-GEJLZA55.js";import"./chunk-NFZCMP7Z.js";import"./chunk-3F6S6NTK.js";import"./chunk-CJ3BIKJ7.js";export{context,getOctokit};
