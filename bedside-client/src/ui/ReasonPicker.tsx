interface Props<R extends string> {
  id: string;
  label: string;
  /** Each coded reason and its words, in the order offered. */
  reasons: Readonly<Record<R, string>>;
  value: R | null;
  onChange: (reason: R | null) => void;
}

/** A coded reason chosen from a fixed list, e.g. for going ahead despite a warning; none is chosen until the person picks one. */
export function ReasonPicker<R extends string>({ id, label, reasons, value, onChange }: Props<R>) {
  const codes = Object.keys(reasons) as R[];
  return (
    <div>
      <label htmlFor={id} style={{ color: 'inherit' }}>
        {label}
      </label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(codes.find((code) => code === event.target.value) ?? null)}>
        <option value="">Choose a reason…</option>
        {codes.map((code) => (
          <option key={code} value={code}>
            {reasons[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
