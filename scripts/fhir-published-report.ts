/*
 * Issue 13's figures: `npm run report:fhir-published` imports every published
 * MedicationRequest in fixtures/fhir/published/ (HL7 R4, UK Core, EPS
 * secondary care) as published, each alone in a fresh demo ward, and prints
 * how many chart, chart as needs review, are on hold, are not charted by
 * design, and are refused, per source, with each refusal's reason. The same
 * corpus and classification as server/src/fhir/published-orders.int.test.ts
 * (server/src/fhir/test/published-orders.ts). `-- --each` lists every order.
 */
import { classifyAlone, publishedOrders, SOURCES, type OrderClass } from '../server/src/fhir/test/published-orders.js';

const CLASSES: OrderClass['class'][] = ['charted', 'needs-review', 'on-hold', 'not-charted', 'refused'];
const each = process.argv.includes('--each');

const orders = publishedOrders();
const results: { key: string; source: string; drug: string; result: OrderClass }[] = [];
for (const order of orders) results.push({ key: order.key, source: order.source, drug: order.drug, result: await classifyAlone(order) });

const count = (rows: typeof results, c: OrderClass['class']) => rows.filter((r) => r.result.class === c).length;
const pad = (s: string | number, n: number) => String(s).padEnd(n);
console.log(`${orders.length} published MedicationRequests, each imported as published (subject pointed at a demo patient, a referenced Medication carried as contained)\n`);
console.log(`${pad('source', 20)}${CLASSES.map((c) => pad(c, 14)).join('')}total`);
for (const source of SOURCES) {
  const rows = results.filter((r) => r.source === source);
  console.log(`${pad(source, 20)}${CLASSES.map((c) => pad(count(rows, c), 14)).join('')}${rows.length}`);
}
console.log(`${pad('all', 20)}${CLASSES.map((c) => pad(count(results, c), 14)).join('')}${results.length}`);

const why = (r: OrderClass): string => (r.class === 'charted' ? r.chart : r.class === 'needs-review' ? r.reason : r.class === 'not-charted' ? r.why : r.class === 'refused' ? `${r.status}: ${r.words}` : 'on hold');
const notCharted = new Map<string, number>();
for (const r of results) if (r.result.class === 'not-charted') notCharted.set(r.result.why, (notCharted.get(r.result.why) ?? 0) + 1);
console.log('\nNot charted, by design:');
for (const [reason, n] of [...notCharted].sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${reason}`);
console.log('\nRefused:');
for (const r of results.filter((x) => x.result.class === 'refused')) console.log(`  ${r.key} (${r.drug}): ${why(r.result)}`);
console.log('\nNeeds review:');
for (const r of results.filter((x) => x.result.class === 'needs-review')) console.log(`  ${r.key} (${r.drug}): ${why(r.result)}`);
if (each) {
  console.log('\nEvery order:');
  for (const r of results) console.log(`  ${r.key} (${r.drug}): ${r.result.class}: ${why(r.result)}`);
}
