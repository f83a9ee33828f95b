import { DEMO_LABELS_PATH } from './labels.resource.js';
import { PdfLink } from './PdfLink.js';

/** Printable barcodes for pharmacy and admins: the demo ward's label sheet. */
export function LabelsScreen() {
  return (
    <section aria-labelledby="labels-heading">
      <h2 id="labels-heading">Printable labels</h2>
      <p>
        The demo ward’s wristbands, staff badges, bed labels and drug packs (one expired, one recalled) as an A4 PDF. Print it, or
        open it on a second screen, then scan with a handheld’s camera or a USB scanner.
      </p>
      <PdfLink label="Make the demo label sheet" path={DEMO_LABELS_PATH} filename="wardscan-demo-labels.pdf" />
    </section>
  );
}
