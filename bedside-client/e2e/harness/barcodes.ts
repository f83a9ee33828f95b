import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './server.js';

interface DemoBarcode {
  id: string;
  kind: string;
  label: string;
  raw: string;
  hri?: string;
}

const all = JSON.parse(readFileSync(join(REPO, 'fixtures/demo-ward/barcodes.json'), 'utf8')) as DemoBarcode[];

/** The demo ward's ready raw scan strings (GS1 element strings with GS), by id. */
export function barcode(id: string): DemoBarcode {
  const found = all.find((entry) => entry.id === id);
  if (!found) throw new Error(`fixtures/demo-ward/barcodes.json has no barcode "${id}"`);
  return found;
}
