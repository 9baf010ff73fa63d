#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{buildInventory,workingTree}from"./chunk-PFVYN2RP.js";var InventoryCache=class{entries=new Map;workingTree(options){let key=[options.root,options.pathPrefix,...options.ignore].join("\0"),entry=this.entries.get(key);return entry||(entry=buildInventory({tree:workingTree(options.root),pathPrefix:options.pathPrefix,ignore:options.ignore,...options.logger?{logger:options.logger}:{}}),this.entries.set(key,entry)),entry}};export{InventoryCache};
