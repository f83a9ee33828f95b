import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_WARD_DIR } from '../fixtures/demo-ward.js';
import { buildLabelSheet, readDemoWardFiles, wristbandLabelSpec } from './label-sheet.js';
import { renderLabelsPdf } from './render-labels-pdf.js';
import { createLabelRenderPool, startRenderWorker } from './render-pool.js';

const pool = createLabelRenderPool(1);
afterAll(() => pool.close());

const AT = new Date('2026-11-24T08:00:00.000Z');
const wristband = wristbandLabelSpec({ id: 'p1', nhsNumber: '9434765919', mrn: 'RX999', birthDate: '1950-05-05', familyName: 'Ashworth', givenName: 'Maria' }, '5099999');

/**
 * How long this thread's event loop was busy (not waiting for I/O or a message) while `work`
 * ran: performance.eventLoopUtilization's active time, per thread. A render on this thread is
 * busy for all of its drawing; one on the worker leaves only the hand-over here.
 */
async function loopBusy<T>(work: () => Promise<T>): Promise<{ result: T; activeMs: number }> {
  const before = performance.eventLoopUtilization();
  const result = await work();
  return { result, activeMs: performance.eventLoopUtilization(before).active };
}

describe('label PDFs on a worker thread', () => {
  it('renders the very bytes the same call renders on this thread: a wristband', async () => {
    const here = await renderLabelsPdf([wristband], 'Wristband 9434765919', { creationDate: AT });
    const there = await pool.render([wristband], 'Wristband 9434765919', { creationDate: AT });
    expect(there.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(there.equals(here)).toBe(true);
  }, 60_000);

  it('renders the very bytes the same call renders on this thread: the demo sheet', async () => {
    // Symbols are drawn as paths now, not images that pdfkit decoded asynchronously and numbered as
    // each finished: two renders of a sheet are the same bytes, on any thread.
    const sheet = buildLabelSheet(readDemoWardFiles(DEMO_WARD_DIR));
    const here = await renderLabelsPdf(sheet, undefined, { creationDate: AT });
    const there = await pool.render(sheet, undefined, { creationDate: AT });
    expect(there.equals(here)).toBe(true);
    expect((await renderLabelsPdf(sheet, undefined, { creationDate: AT })).equals(here)).toBe(true);
  }, 60_000);

  it('keeps the event loop free while a sheet renders, which on this thread holds it in long stretches', async () => {
    const sheet = buildLabelSheet(readDemoWardFiles(DEMO_WARD_DIR)).slice(0, 20);
    await pool.render([wristband]); // the thread is up and warm
    const here = await loopBusy(() => renderLabelsPdf(sheet));
    const there = await loopBusy(() => pool.render(sheet));
    // Compared with each other, not with a clock: a loaded machine slows both alike. (Before the
    // worker, a busy-time fraction was asserted instead; on a loaded CI machine the render's waits
    // for image decoding grew and the fraction fell below it.)
    expect(there.activeMs).toBeLessThan(here.activeMs / 4);
    expect(there.result.length).toBe(here.result.length);
  }, 60_000);

  it('answers each of many jobs with its own PDF, in any order they were asked', async () => {
    const names = ['Ann', 'Bea', 'Cal', 'Dee'];
    const specs = names.map((givenName, i) => wristbandLabelSpec({ id: `p${i}`, nhsNumber: '9434765919', mrn: null, birthDate: '1950-05-05', familyName: 'Test', givenName }, '5099999'));
    const pdfs = await Promise.all(specs.map((s) => pool.render([s], s.title, { creationDate: AT })));
    for (const [i, s] of specs.entries()) expect(pdfs[i]!.equals(await renderLabelsPdf([s], s.title, { creationDate: AT }))).toBe(true);
  }, 60_000);

  it("fails a job that cannot be encoded with the encoder's reason, and goes on", async () => {
    const bad = { ...wristband, bcid: 'gs1datamatrix' as const, text: '(01)05099997000144' }; // wrong check digit
    await expect(pool.render([bad])).rejects.toThrow(/Rendering the labels failed: .*checksum/i);
    expect((await pool.render([wristband])).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('fails only the job of a thread that dies, and starts a new thread for the next', async () => {
    let started = 0;
    const dying = createLabelRenderPool(1, () => (started++ === 0 ? new Worker('process.exit(3)', { eval: true }) : startRenderWorker()));
    try {
      await expect(dying.render([wristband])).rejects.toThrow(/stopped \(exit code 3\)/);
      expect((await dying.render([wristband])).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(started).toBe(2);
    } finally {
      await dying.close();
    }
  }, 60_000);
});
