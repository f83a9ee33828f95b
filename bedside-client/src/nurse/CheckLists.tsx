import type { CheckLine } from './verdict.resource.js';

/** The checks that did not pass, worst first, each marked in words as well as colour. */
export function ProblemList({ problems, title }: { problems: CheckLine[]; title: string }) {
  if (problems.length === 0) return null;
  return (
    <ul className="problems" aria-label="Problems found">
      {problems.map((problem) => (
        <li key={problem.rule} className={problem.outcome}>
          <strong>
            {problem.outcome === 'stop' ? '✕ STOP' : '⚠ WARNING'} · {problem.label}
          </strong>
          {/* The headline is often the one problem: not said twice. */}
          {title.includes(problem.message) ? null : problem.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * The checks that passed. Folded away for drugs; for blood each is shown
 * with its words, since the bedside check (BSH) is read item by item.
 */
export function PassedChecks({ checks, showMessages = false }: { checks: CheckLine[]; showMessages?: boolean }) {
  if (checks.length === 0) return null;
  const items = checks.map((check) => (
    <li key={check.rule}>
      ✓ {showMessages ? <strong>{check.label}</strong> : check.label}
      {showMessages ? <span className="passed-message"> {check.message}</span> : null}
    </li>
  ));
  if (showMessages) {
    return (
      <div className="passed passed-open">
        <h3>Checks passed ({checks.length})</h3>
        <ul aria-label="Checks passed">{items}</ul>
      </div>
    );
  }
  return (
    <details className="passed">
      <summary>Checks passed ({checks.length})</summary>
      <ul>{items}</ul>
    </details>
  );
}
