import { strengthText, type MedicinalProduct } from '@wardscan/shared';

const strengthsOf = (product: MedicinalProduct): string =>
  product.ingredients.map((i) => `${i.substanceName} ${i.strength ? strengthText(i.strength) : '(no strength)'}`).join(' + ');

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
  const strengths = strengthsOf(product);
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

/** dm+d's products matching a search: pharmacy adds one to the ward's catalogue from its VMP. */
export function DmdResults({ products, onAdd }: { products: readonly MedicinalProduct[]; onAdd: (product: MedicinalProduct) => void }) {
  return (
    <section aria-labelledby="dmd-results" className="card">
      <h2 id="dmd-results" style={{ fontSize: 18, margin: 0 }}>
        In dm+d
      </h2>
      {products.length === 0 ? (
        <p className="hint">No dm+d product has that name.</p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0 }}>
          {products.map((p) => (
            <li key={p.vmp?.code ?? p.name} className="row" style={{ justifyContent: 'space-between' }}>
              <div>
                <strong>{p.vmp?.name ?? p.name}</strong>
                <div className="hint">
                  dm+d {p.vmp?.code} · {strengthsOf(p) || 'no strength'} · {p.routes.join(', ') || 'no routes'}
                </div>
              </div>
              <button type="button" onClick={() => onAdd(p)} aria-label={`Add ${p.vmp?.name ?? p.name} to the catalogue`}>
                Add
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
