#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
var UsageError=class extends Error{name="UsageError"};function describeError(error){return error instanceof Error?error.message.split(`
`)[0]??error.name:String(error)}var EXIT_INTERNAL=3;export{UsageError,describeError,EXIT_INTERNAL};
