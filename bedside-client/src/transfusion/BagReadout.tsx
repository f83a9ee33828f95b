import type { CollectedUnit } from '@wardscan/shared';
import { formatDate } from '../ui/format.js';
import { bloodGroupText, dinText } from '../ui/format.js';

function NotRead({ needed }: { needed: boolean }) {
  return <span className={needed ? 'not-read needed' : 'not-read'}>{needed ? 'Not scanned yet – needed' : 'Not scanned'}</span>;
}

/** What has been read from the bag so far, each field named, so the nurse can compare it with the label by eye. */
export function BagReadout({ unit }: { unit: CollectedUnit }) {
  const product = unit.productCode ?? (unit.componentCode ? `UK component ${unit.componentCode}` : null);
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
