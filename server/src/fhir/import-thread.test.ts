import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createImportPreparer, startImportWorker, type ImportPreparer } from './import-thread.js';
import { prepareImportBytes } from './prepare-import.js';

const admission = () => new Uint8Array(readFileSync(new URL('../../../fixtures/fhir/ward-7b-admission.bundle.json', import.meta.url)));

let pool: ImportPreparer | undefined;
afterEach(async () => pool?.close());

describe('the FHIR import thread', () => {
  it('prepares a body exactly as the same code in this thread does, and refuses junk the same way', async () => {
    pool = createImportPreparer();
    expect(await pool.prepare(admission())).toEqual(prepareImportBytes(admission()));
    const junk = new TextEncoder().encode('{"resourceType":"Bundle",');
    expect(await pool.prepare(junk)).toEqual({ kind: 'refused', status: 400, issues: [expect.objectContaining({ code: 'structure' })], types: [] });
  }, 30_000);

  it('fails only the job of a thread that dies; the next job gets a new thread', async () => {
    let starts = 0;
    pool = createImportPreparer(() => (++starts === 1 ? new Worker('process.exit(3)', { eval: true }) : startImportWorker()));
    await expect(pool.prepare(admission())).rejects.toThrow(/exit code 3/);
    expect((await pool.prepare(admission())).kind).toBe('transaction');
    expect(starts).toBe(2);
  }, 30_000);

  it('answers jobs in the order they came, one at a time', async () => {
    pool = createImportPreparer();
    const bodies = ['{"resourceType":"Patient"}', '{', '{"resourceType":"Bundle","type":"batch","entry":[]}'].map((t) => new TextEncoder().encode(t));
    const answers = await Promise.all(bodies.map((b) => pool!.prepare(b)));
    expect(answers.map((a) => (a.kind === 'refused' ? a.issues[0]?.expression?.[0] ?? a.issues[0]?.details?.text : a.kind))).toEqual(['Bundle', 'The request body is not valid JSON.', 'Bundle.entry']);
  }, 30_000);
});
