#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
var ECOSYSTEMS=["npm","PyPI","Go","crates.io","RubyGems","Packagist","Maven","NuGet","Pub","Hex"];var LockfileError=class extends Error{constructor(message,line){super(message);this.line=line}line;name="LockfileError"};export{ECOSYSTEMS,LockfileError};
