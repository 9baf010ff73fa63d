#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{EVIDENCE_SCHEMA_VERSION,buildEvidence}from"./chunk-AS6QT7DD.js";import"./chunk-GDRKHW3Y.js";import"./chunk-CJ3BIKJ7.js";export{EVIDENCE_SCHEMA_VERSION,buildEvidence};
