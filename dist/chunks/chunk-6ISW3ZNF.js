#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{LockfileError}from"./chunk-HTGIGRUN.js";function guardParse(what,run){try{return run()}catch(error){if(error instanceof LockfileError)throw error;if(error instanceof RangeError)throw new LockfileError(`${what} is nested too deeply to read`);let message=error instanceof Error?error.message:String(error);throw new LockfileError(`${what} could not be read: ${firstLine(message)}`)}}function firstLine(message){return(message.split(`
`).find(part=>part.trim()!=="")??message).trim().slice(0,200)}export{guardParse,firstLine};
