/**
 * interpretScan throughput beside the bare gs1-barcode-parser on the same
 * strings, and the time to refuse junk input. Target (issue 2): the full
 * validating interpretation at least half the bare parser's rate.
 *
 * The measuring runs in shared/scripts/bench-interpret-core.mjs on plain Node
 * against the built shared/dist, the code that ships: under tsx, esbuild's
 * keepNames wraps each of gs1-barcode-parser's nested functions on every call
 * and the figures would describe tsx, not Wardscan. This launcher rebuilds
 * shared when its sources are newer than its build.
 *
 * Run: npm run bench:interpret
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'shared', 'dist', 'index.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(built).mtimeMs;
  } catch {
    return 0;
  }
}

if (builtAt() < newestSource(join(root, 'shared', 'src'))) {
  console.log('shared/dist is older than shared/src: building shared first…');
  execFileSync('npm', ['run', 'build', '-w', 'shared'], { cwd: root, stdio: 'inherit' });
}
execFileSync(process.execPath, [join(root, 'shared', 'scripts', 'bench-interpret-core.mjs')], {
  cwd: root,
  stdio: 'inherit',
  // Plain Node: no tsx loader in the measuring process (execFileSync does not pass this process's flags on).
  env: { ...process.env, NODE_OPTIONS: '' },
});
