import { useEffect, useState, type FormEvent } from 'react';
import { interpretScan, type MedicinalProduct, type Product, type ProductScan } from '@wardscan/shared';
import { ApiError, errorMessage } from '../api/api-error.js';
import { CameraScanner } from '../scanning/camera/CameraScanner.js';
import { interpretOptions } from '../scanning/describe-raw.js';
import { useHidScanner } from '../scanning/useHidScanner.js';
import { useServices } from '../services.js';
import { formatDate } from '../ui/format.js';
import {
  draftFieldFor,
  draftFromProduct,
  emptyDraft,
  productsByGtin,
  dmdByGtin,
  searchDmd,
  draftFromDmd,
  saveProduct,
  searchProducts,
  toProductInput,
  type FieldErrors,
  type ProductDraft,
} from './catalogue.resource.js';
import { DmdIdentity, DmdResults } from './DmdIdentity.js';
import { ProductForm } from './ProductForm.js';
import { ProductList } from './ProductList.js';
import { PrnReviewPanel } from './PrnReviewPanel.js';
import { RecallsPanel, type RecallPrefill } from './RecallsPanel.js';
import { ErrorBox } from '../ui/ErrorBox.js';

type Editing = { id: string | null; draft: ProductDraft; errors: FieldErrors } | null;

/** Pharmacy: which GTIN is which product, and which batches are recalled. */
export function CatalogueScreen() {
  const { http, config } = useServices();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Product[] | null>(null);
  const [dmdResults, setDmdResults] = useState<MedicinalProduct[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [scanned, setScanned] = useState<ProductScan | null>(null);
  /** What dm+d says the scanned pack is: undefined while asking, null when dm+d does not know the GTIN. */
  const [inDmd, setInDmd] = useState<MedicinalProduct | null | undefined>(undefined);
  const [scanError, setScanError] = useState<string | null>(null);
  const [recallPrefill, setRecallPrefill] = useState<RecallPrefill | null>(null);
  const [cameraOn, setCameraOn] = useState(false);

  async function search(q: string) {
    try {
      // The ward's catalogue, and beside it dm+d itself, so a product not stocked yet can be added from its VMP.
      // Settled either way, so a failed catalogue search never leaves it rejected and unheard.
      const dmd = q.trim().length >= 2 ? searchDmd(http, q.trim()).then((products) => ({ products }), (error: unknown) => ({ error })) : Promise.resolve(null);
      setResults(await searchProducts(http, q));
      const found = await dmd;
      setDmdResults(found && 'products' in found ? found.products : null);
      setSearchError(found && 'error' in found ? `dm+d search failed: ${errorMessage(found.error)}` : null);
    } catch (error) {
      setSearchError(errorMessage(error));
    }
  }

  useEffect(() => {
    void search('');
  }, [http]);

  /** Scan to add: the pack's GTIN, batch and expiry fill in; a known GTIN opens its product. */
  async function onScan(raw: string) {
    setScanError(null);
    const interpretation = interpretScan(raw, interpretOptions(config));
    if (!interpretation.ok) return setScanError(`Barcode not read: ${interpretation.error.message}`);
    if (interpretation.scan.kind !== 'product') return setScanError('That is not a pack barcode. Scan the drug pack.');
    const scan = interpretation.scan;
    setScanned(scan);
    setInDmd(undefined);
    setRecallPrefill({ gtin: scan.gtin, batch: scan.batch ?? '', nonce: Date.now() });
    try {
      const [[known], dmd] = await Promise.all([productsByGtin(http, scan.gtin), dmdByGtin(http, scan.gtin)]);
      setInDmd(dmd);
      setSaved(null);
      if (known) setEditing({ id: known.id, draft: draftFromProduct(known), errors: {} });
      else if (editing) setEditing({ ...editing, draft: addGtin(editing.draft, scan.gtin) });
      else setEditing({ id: null, draft: dmd ? draftFromDmd(dmd, scan.gtin) : emptyDraft(scan.gtin), errors: {} });
    } catch (error) {
      setScanError(errorMessage(error));
    }
  }
  useHidScanner((raw, source) => {
    if (source === 'scanner') void onScan(raw);
  }, config);

  async function submit() {
    if (!editing) return;
    const checked = toProductInput(editing.draft);
    if (!checked.ok) return setEditing({ ...editing, errors: checked.errors });
    setBusy(true);
    try {
      const product = await saveProduct(http, editing.id, checked.input);
      setEditing(null);
      setSaved(`Saved ${product.name}.`);
      await search(query);
    } catch (error) {
      const field = error instanceof ApiError && error.field ? draftFieldFor(error.field) : null;
      // A message the server tied to no form field still shows, under the name field.
      setEditing({ ...editing, errors: { [field ?? 'name']: errorMessage(error) } });
    } finally {
      setBusy(false);
    }
  }

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    void search(query);
  };

  return (
    <div className="screen">
      <h1 style={{ fontSize: 24, margin: '4px 0' }}>Product catalogue</h1>
      <section className="card" aria-label="Scan to add">
        <p style={{ margin: 0 }}>Scan a pack to fill in its GTIN, batch and expiry.</p>
        <button type="button" onClick={() => setCameraOn(!cameraOn)} aria-pressed={cameraOn}>
          {cameraOn ? 'Stop camera' : 'Scan with camera'}
        </button>
        {cameraOn ? <CameraScanner onScan={(raw) => void onScan(raw)} /> : null}
        {scanned ? (
          <p role="status">
            Scanned pack: GTIN {scanned.gtin}
            {scanned.batch ? `, batch ${scanned.batch}` : ''}
            {scanned.expiry ? `, expiry ${formatDate(scanned.expiry)}` : ''}
          </p>
        ) : null}
        {scanned && inDmd !== undefined ? <DmdIdentity product={inDmd} /> : null}
        {scanError ? <ErrorBox>{scanError}</ErrorBox> : null}
      </section>
      {saved ? <p role="status">✓ {saved}</p> : null}
      {editing ? (
        <ProductForm
          heading={editing.id ? 'Edit product' : 'New product'}
          draft={editing.draft}
          errors={editing.errors}
          busy={busy}
          onChange={(draft) => setEditing({ ...editing, draft })}
          onSubmit={() => void submit()}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button type="button" onClick={() => setEditing({ id: null, draft: emptyDraft(), errors: {} })}>
          Add product
        </button>
      )}
      <form role="search" onSubmit={onSearch} className="row" style={{ marginTop: 8 }}>
        <label htmlFor="product-search" className="visually-hidden">
          Search products
        </label>
        <input id="product-search" type="search" placeholder="Name, drug or GTIN" value={query} onChange={(e) => setQuery(e.target.value)} style={{ flex: 1, width: 'auto' }} />
        <button type="submit">Search</button>
      </form>
      <ProductList
        products={results}
        error={searchError}
        onEdit={(product) => {
          setSaved(null);
          setEditing({ id: product.id, draft: draftFromProduct(product), errors: {} });
        }}
      />
      {dmdResults ? (
        <DmdResults
          products={dmdResults}
          onAdd={(product) => {
            setSaved(null);
            setEditing({ id: null, draft: draftFromDmd(product, ''), errors: {} });
          }}
        />
      ) : null}
      <RecallsPanel prefill={recallPrefill} />
      <PrnReviewPanel />
    </div>
  );
}

function addGtin(draft: ProductDraft, gtin: string): ProductDraft {
  return draft.gtins.includes(gtin) ? draft : { ...draft, gtins: draft.gtins.trim() === '' ? gtin : `${draft.gtins.trim()}\n${gtin}` };
}
