import { strengthText, type Product } from '@wardscan/shared';
import { ErrorBox } from '../ui/ErrorBox.js';

interface Props {
  products: Product[] | null;
  error: string | null;
  onEdit: (product: Product) => void;
}

export function ProductList({ products, error, onEdit }: Props) {
  if (error) {
    return (
      <ErrorBox>Products could not be loaded: {error}</ErrorBox>
    );
  }
  if (products === null) return <p role="status">Loading products…</p>;
  if (products.length === 0) return <p className="card">No products found.</p>;
  return (
    <ul aria-label="Products" style={{ listStyle: 'none', padding: 0 }}>
      {products.map((product) => (
        <li key={product.id} className="card row" style={{ justifyContent: 'space-between' }}>
          <div>
            <strong>{product.name}</strong> {product.highAlert ? <span>⚠ HIGH-ALERT</span> : null}
            <div className="hint">
              {product.dmd ? `${product.dmd.vmp?.name ?? ''} (dm+d ${product.dmdCode}) · ` : product.dmdCode ? `dm+d ${product.dmdCode} (not in this release) · ` : 'no dm+d code · '}
              {!product.dmd && product.strength ? `${strengthText(product.strength)} ` : ''}
              {product.form} · {product.routes.join(', ') || 'no routes'} · GTIN {product.gtins.join(', ')}
            </div>
          </div>
          <button type="button" onClick={() => onEdit(product)} aria-label={`Edit ${product.name}, GTIN ${product.gtins[0] ?? 'none'}`}>
            Edit
          </button>
        </li>
      ))}
    </ul>
  );
}
