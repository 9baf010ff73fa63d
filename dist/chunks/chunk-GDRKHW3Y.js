#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
var VERSION="0.1.0",TOOL_NAME="devsecops",INFORMATION_URI="https://github.com/devsecops-actions/devsecops-actions";export{VERSION,TOOL_NAME,INFORMATION_URI};
