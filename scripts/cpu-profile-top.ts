/*
 * npm run profile:top -- <file.cpuprofile> [--under FUNCTION] [--rows 25]
 *
 * Where a V8 CPU profile (bench:verdict --cpu-prof, bench:bedside --server-cpu-prof) spent its time,
 * as text: self and inclusive time per function (name, file, line), as a share of all samples or,
 * with --under, of the samples whose stack passes through FUNCTION (e.g. recordScan, applyImport).
 * A function that recurses is counted once per sample.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { under: { type: 'string' }, rows: { type: 'string', default: '25' } } });
const file = positionals[0];
if (!file) throw new Error('Usage: npm run profile:top -- <file.cpuprofile> [--under FUNCTION] [--rows 25]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (id: number): string => {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  return `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
};

const timeOf = new Map<number, number>();
profile.samples.forEach((id, i) => timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
for (const [id, micros] of timeOf) {
  const stack: number[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(at);
  if (values.under && !stack.some((s) => byId.get(s)!.callFrame.functionName === values.under)) continue;
  total += micros;
  self.set(name(id), (self.get(name(id)) ?? 0) + micros);
  for (const key of new Set(stack.map(name))) inclusive.set(key, (inclusive.get(key) ?? 0) + micros);
}

const rows = Number(values.rows);
const table = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .map(([fn, micros]) => ({ share: `${((100 * micros) / total).toFixed(1)}%`, ms: Math.round(micros / 1000), function: fn }));
console.log(`${file}: ${Math.round(total / 1000)} ms of samples${values.under ? ` under ${values.under}` : ''}`);
console.log('self');
console.table(table(self));
console.log('inclusive');
console.table(table(inclusive));
