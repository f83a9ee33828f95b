/*
 * npm run bench:fsync [-- --dir DIR --count 2000]
 *
 * How long this disk takes to fsync an append the size of one bedside
 * commit's WAL frames (9 to 14 pages of 4 KiB each: ~48 KiB) and of one page,
 * in the folder bench:bedside uses (the OS temp dir unless --dir). Every
 * acknowledgement waits for one such fsync (db/group-commit.ts), so its tail
 * is a floor under the bedside verdict's p99 that no server code can lower.
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { dir: { type: 'string' }, count: { type: 'string', default: '2000' } } });
const COUNT = Number(values.count);
const dir = mkdtempSync(join(values.dir ?? tmpdir(), 'wardscan-fsync-'));

function measure(bytes: number): number[] {
  const file = join(dir, `wal-${bytes}`);
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(bytes, 0x5a);
  const times: number[] = [];
  for (let i = 0; i < COUNT; i++) {
    writeSync(fd, block);
    const start = performance.now();
    fsyncSync(fd);
    times.push(performance.now() - start);
  }
  closeSync(fd);
  return times.sort((a, b) => a - b);
}

const at = (sorted: number[], p: number): string => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(3);
console.log(`fsync after an append, ${COUNT} times each, in ${dir}`);
for (const bytes of [4096, 48 * 1024]) {
  const t = measure(bytes);
  console.log(`${String(bytes / 1024).padStart(3)} KiB: p50 ${at(t, 50)} ms · p90 ${at(t, 90)} ms · p99 ${at(t, 99)} ms · max ${t.at(-1)!.toFixed(3)} ms`);
}
rmSync(dir, { recursive: true, force: true });
