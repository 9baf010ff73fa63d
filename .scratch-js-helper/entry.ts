import { readFileSync } from 'node:fs';
import { bunLockParser } from '/work/main/src/core/inventory/parsers/bun-lock.ts';
const F = '/work/main/__tests__/fixtures/lockfiles/';
const t0 = Date.now();
const r = bunLockParser.parse(readFileSync(F + 'bun-lock/bun.lock', 'utf8'), { path: 'x', readRelative: () => undefined });
console.log(Date.now() - t0, 'ms', r.packages.length, 'pkgs', r.roots, r.warnings, r.project, r.workspaces);
console.log(JSON.stringify(r.packages.filter(p => /send|errorhandler|accepts|express$/.test(p.id))));
