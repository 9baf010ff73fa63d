#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
var LineIndex=class{constructor(text){this.text=text;for(let i=text.indexOf(`
`);i!==-1;i=text.indexOf(`
`,i+1))this.starts.push(i+1)}text;starts=[0];lineAt(offset){let low=0,high=this.starts.length-1;for(;low<high;){let mid=low+high+1>>1;this.starts[mid]<=offset?low=mid:high=mid-1}return low+1}lineOf(needle,from=0){let at=this.text.indexOf(needle,from);return at===-1?void 0:this.lineAt(at)}get lineCount(){return this.starts.length}};function forEachLine(text,visit){let lineNumber=0;for(let start=0;;){let end=text.indexOf(`
`,start);if(lineNumber+=1,visit(end===-1?text.slice(start):text.slice(start,end),lineNumber),end===-1)return;start=end+1}}export{LineIndex,forEachLine};
