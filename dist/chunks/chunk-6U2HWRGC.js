#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{createHash}from"node:crypto";var FINGERPRINT_KEY="devsecops/v1";function computeFingerprint(parts){let hash=createHash("sha256");for(let part of parts)hash.update(`${Buffer.byteLength(part)}:${part};`);return hash.digest("hex").slice(0,32)}export{FINGERPRINT_KEY,computeFingerprint};
