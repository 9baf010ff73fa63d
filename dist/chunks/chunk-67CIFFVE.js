#!/usr/bin/env node
import { createRequire as __devsecopsCreateRequire } from 'node:module';
const require = __devsecopsCreateRequire(import.meta.url);
import{runGit}from"./chunk-DSNY5JYL.js";async function headCommit(root){let{stdout,exitCode}=await runGit(["rev-parse","--verify","-q","HEAD"],{cwd:root,okExitCodes:[0,1,128]}),sha=stdout.trim();return exitCode===0&&/^[0-9a-f]{40,64}$/.test(sha)?sha:void 0}var silentLogger={debug(){},info(){},warning(){},error(){}};export{silentLogger,headCommit};
