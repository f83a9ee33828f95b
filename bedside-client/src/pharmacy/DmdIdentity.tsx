import { strengthText, type MedicinalProduct } from '@wardscan/shared';

/** What dm+d says a scanned pack is, or that it does not know it (then the bedside can only check it by its label). */
export function DmdIdentity({ product }: { product: MedicinalProduct | null }) {
  if (!product) {
    return (
      <p role="status" className="hint">
        Not in dm+d: this GTIN is in no pack of the current release. Add it with the dm+d code of its product (VMP) if it is a local pack;
        without one, nurses are asked to check the drug by reading the label.
      </p>
    );
  }
  const strengths = product.ingredients.map((i) => `${i.substanceName} ${i.strength ? strengthText(i.strength) : '(no strength)'}`).join(' + ');
  return (
    <dl aria-label="In dm+d" className="card" style={{ margin: '8px 0' }}>
      <dt>Pack (AMPP)</dt>
      <dd>{product.ampp?.name ?? '—'}</dd>
      <dt>Product (VMP)</dt>
      <dd>
        {product.vmp?.name ?? '—'} {product.vmp ? <span className="hint">dm+d {product.vmp.code}</span> : null}
      </dd>
      <dt>Strength</dt>
      <dd>{strengths || '—'}</dd>
    </dl>
  );
}
