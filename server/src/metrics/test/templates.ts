import { barcode } from '../../test/fixtures.js';
import { handheld, type TestServer } from '../../test/harness.js';
import type { Templates } from './generate-trust.js';

/**
 * One real wristband scan, pack scan and administration on the demo ward
 * (Agnes Morrow's 08:00 paracetamol), read back as the server stored them:
 * the generator copies these rows, so generated records have real ones' shape
 * and size. Call at the harness's MORNING.
 */
export async function captureTemplates(server: TestServer): Promise<Templates> {
  const nurse = handheld(server, await server.signIn('demo-nurse'));
  const band = await nurse.scan(barcode('wristband-agnes-morrow'));
  const pack = await nurse.scan(barcode('pack-paracetamol'));
  const given = await nurse.administer(pack.body.eventId, 'rx-1');
  if (given.status !== 201) throw new Error(`template administration failed: ${JSON.stringify(given.body)}`);
  const repos = server.wardscan.repos;
  const bandRow = repos.scans.get(band.body.eventId);
  const productRow = repos.scans.get(pack.body.eventId);
  const administration = repos.administrations.byEventId(given.body.administration.eventId);
  if (!bandRow || !productRow || !administration) throw new Error('template rows not stored');
  return { band: bandRow, product: productRow, administration: administration.response };
}
