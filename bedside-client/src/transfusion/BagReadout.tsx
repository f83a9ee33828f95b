import type { CollectedUnit, IssuedUnitView } from '@wardscan/shared';
import { formatDate } from '../ui/format.js';
import { bloodGroupText, dinText } from '../ui/format.js';
import { bloodProductName, issuedComponentName } from './blood-product.js';

function NotRead({ needed }: { needed: boolean }) {
  return <span className={needed ? 'not-read needed' : 'not-read'}>{needed ? 'Not scanned yet – needed' : 'Not scanned'}</span>;
}

/** "Red cells in additive solution … (product code E0336V00)" where a source names the code, else plainly "product code E0001V00". */
function ProductCode({ code }: { code: string }) {
  const name = bloodProductName(code);
  const shown = (
    <>
      product code <span className="product-code">{code}</span>
    </>
  );
  return name ? (
    <>
      {name} ({shown})
    </>
  ) : (
    shown
  );
}

/**
 * What has been read from the bag so far, each field named, so the nurse can
 * compare it with the label by eye. `issued`: the units the lab issued to
 * this patient, whose record names the component of a DIN read here.
 */
export function BagReadout({ unit, issued = [] }: { unit: CollectedUnit; issued?: readonly Pick<IssuedUnitView, 'din' | 'component'>[] }) {
  const code = unit.productCode ? <ProductCode code={unit.productCode} /> : unit.componentCode ? `UK component code ${unit.componentCode}` : null;
  const component = issuedComponentName(issued, unit.din?.din ?? null);
  const product = component ? (
    <>
      <span className="component">{component}</span>, as the lab issued this unit{code ? <> · {code}</> : null}
    </>
  ) : (
    code
  );
  return (
    <dl className="bag" aria-label="Read from the bag">
      <dt>DIN</dt>
      <dd>
        {unit.din ? (
          <>
            <span className="din">{dinText(unit.din.din)}</span>
            {unit.din.capture === 'keyed' ? ' (typed)' : null}
          </>
        ) : (
          <NotRead needed />
        )}
      </dd>
      <dt>Group</dt>
      <dd>{unit.bloodGroup ? bloodGroupText(unit.bloodGroup) : <NotRead needed />}</dd>
      <dt>Product</dt>
      <dd>{product ?? <NotRead needed={false} />}</dd>
      <dt>Expiry</dt>
      <dd>{unit.expiry ? `${formatDate(unit.expiry.date)}${unit.expiry.time ? ` ${unit.expiry.time}` : ''}` : <NotRead needed={false} />}</dd>
    </dl>
  );
}
