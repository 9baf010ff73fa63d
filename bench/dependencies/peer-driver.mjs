// The peers of the lockfile benchmarks, each in a child process of its own
// (run by bench/dependencies/run.mjs under /usr/bin/time for the peak RSS).
// They are installed into a temporary folder, never into the project, and
// loaded from there:
//
//   node peer-driver.mjs arborist <peer folder> <project> <runs>
//       npm's own reader: new Arborist({ path }).loadVirtual() (package-lock.json + package.json)
//   node peer-driver.mjs pnpm <peer folder> <project> <runs>
//       pnpm's own reader: readWantedLockfile(project) from @pnpm/lockfile.fs
//
// Prints one JSON line: the first and the median of the later runs (ms), and the package count.
import { createRequire } from 'node:module';
import path from 'node:path';

const [tool, peerDir, project, runsText] = process.argv.slice(2);
const runs = Math.max(1, Number(runsText ?? 1));
const require = createRequire(path.join(peerDir, 'package.json'));
const now = () => Number(process.hrtime.bigint()) / 1e6;

// Loaded before the clock starts, as our driver's bundle is.
const reader =
  tool === 'arborist'
    ? { Arborist: require('@npmcli/arborist') }
    : tool === 'pnpm'
      ? { readWantedLockfile: require('@pnpm/lockfile.fs').readWantedLockfile }
      : undefined;
if (!reader) throw new Error(`unknown peer ${tool}`);

async function readOnce() {
  if (reader.Arborist) {
    const tree = await new reader.Arborist({ path: project }).loadVirtual();
    // The inventory holds the root project too.
    return tree.inventory.size - 1;
  }
  const lockfile = await reader.readWantedLockfile(project, { ignoreIncompatible: false });
  return Object.keys(lockfile?.packages ?? {}).length;
}

const times = [];
let packages = 0;
for (let i = 0; i < runs; i++) {
  const started = now();
  packages = await readOnce();
  times.push(now() - started);
}
const later = times.slice(1).sort((a, b) => a - b);
console.log(JSON.stringify({ firstMs: times[0], medianMs: later.length > 0 ? later[Math.floor(later.length / 2)] : times[0], packages }));
