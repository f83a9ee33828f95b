/**
 * npx tsx scripts/bench-ward-time.ts
 *
 * The ward clock lookups a bedside scan makes (server/src/domain/ward-time.ts):
 * instant → ward date and clock (every scan's "now"), and ward date and time →
 * instant (every dose time of yesterday, today and tomorrow), each on a cache
 * miss and a hit, beside a bare Intl.DateTimeFormat.formatToParts read (what
 * ward-time.ts used before it took zone rules from Temporal). Microseconds a
 * call; a shared two-core machine is noisy, so compare within one run.
 */
import { performance } from 'node:perf_hooks';
import { wardClockTime, wardDate, wardInstant } from '../server/src/domain/ward-time.js';

const zones = ['Europe/London', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Pacific/Chatham'];
const N = 20_000;
const base = Date.UTC(2026, 0, 1);
const pad = (n: number) => String(n).padStart(2, '0');
let sink = 0;
const perCall = (n: number, f: () => void): string => {
  const start = performance.now();
  f();
  return (((performance.now() - start) * 1000) / n).toFixed(2);
};

const formatters = new Map(
  zones.map((timeZone) => [
    timeZone,
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  ]),
);

// Warm the code paths on keys the measured loops do not use.
for (let i = 0; i < 2000; i++) {
  const zone = zones[i % zones.length]!;
  sink += wardDate(new Date(base - 1e10 - i * 1000), zone).length;
  sink += wardInstant(`2020-01-${pad(1 + (i % 28))}`, `${pad(i % 24)}:${pad(i % 60)}`, zone).getTime();
  sink += formatters.get(zone)!.formatToParts(base - 1e10 - i * 1000).length;
}

const nowLoop = () => {
  for (let i = 0; i < N; i++) {
    const d = new Date(base + i * 61_000);
    sink += wardDate(d, zones[i % zones.length]!).length + wardClockTime(d, zones[i % zones.length]!).length;
  }
};
const intl = perCall(N, () => {
  for (let i = 0; i < N; i++) sink += formatters.get(zones[i % zones.length]!)!.formatToParts(base + i * 61_000 + 7).length;
});
const nowMiss = perCall(N, nowLoop);
const nowHit = perCall(N, nowLoop);

const keys = Array.from({ length: 10_000 }, (_, i) => [`2026-${pad(1 + (i % 12))}-${pad(1 + ((i >> 4) % 28))}`, `${pad(i % 24)}:${pad((i * 7) % 60)}`, zones[i % zones.length]!] as const);
const doseLoop = () => {
  for (const [date, time, zone] of keys) sink += wardInstant(date, time, zone).getTime();
};
const doseMiss = perCall(keys.length, doseLoop);
const doseHit = perCall(keys.length, doseLoop);

console.log(`bare Intl formatToParts:                  ${intl} µs`);
console.log(`instant → ward date + clock (miss / hit): ${nowMiss} / ${nowHit} µs`);
console.log(`ward date + time → instant (miss / hit):  ${doseMiss} / ${doseHit} µs`);
if (sink === 0) console.log('');
