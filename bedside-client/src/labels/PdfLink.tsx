import { useEffect, useState } from 'react';
import { useServices } from '../services.js';
import { fetchPdfUrl } from './labels.resource.js';

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; url: string } | { kind: 'error'; message: string };

interface Props {
  /** Button text, e.g. "Reprint wristband". */
  label: string;
  path: string;
  filename: string;
}

/** Prepares a PDF from the server, then offers it to open or print. */
export function PdfLink({ label, path, filename }: Props) {
  const { http } = useServices();
  const [state, setState] = useState<State>({ kind: 'idle' });

  useEffect(() => () => {
    if (state.kind === 'ready') URL.revokeObjectURL(state.url);
  }, [state]);

  const prepare = async () => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', url: await fetchPdfUrl(http, path) });
    } catch (error) {
      setState({ kind: 'error', message: error instanceof Error ? error.message : 'The PDF could not be made.' });
    }
  };

  return (
    <div className="pdf-link">
      <button type="button" onClick={() => void prepare()} disabled={state.kind === 'loading'}>
        {state.kind === 'loading' ? 'Preparing…' : label}
      </button>
      {state.kind === 'ready' ? (
        <a href={state.url} download={filename} target="_blank" rel="noreferrer">
          Open {filename} to print
        </a>
      ) : null}
      {state.kind === 'error' ? <p role="alert">{state.message}</p> : null}
    </div>
  );
}
