import type { VerdictOutcome } from '@wardscan/shared';

/** A shape per outcome (circle/tick, triangle/!, octagon/✕): readable without colour. */
export function OutcomeIcon({ outcome, size = 48 }: { outcome: VerdictOutcome; size?: number }) {
  const common = { width: size, height: size, viewBox: '0 0 48 48', 'aria-hidden': true as const, focusable: false as const };
  switch (outcome) {
    case 'match':
      return (
        <svg {...common}>
          <circle cx="24" cy="24" r="22" fill="#fff" />
          <path d="M13 25l7 7 15-16" stroke="#00703c" strokeWidth="6" fill="none" strokeLinecap="round" />
        </svg>
      );
    case 'warning':
      return (
        <svg {...common}>
          <path d="M24 3L46 44H2z" fill="#000" />
          <rect x="21" y="16" width="6" height="15" fill="#ffb81c" />
          <rect x="21" y="35" width="6" height="6" fill="#ffb81c" />
        </svg>
      );
    case 'stop':
      return (
        <svg {...common}>
          <path d="M15 2h18l13 13v18L33 46H15L2 33V15z" fill="#fff" />
          <path d="M15 15l18 18M33 15L15 33" stroke="#b3200f" strokeWidth="7" strokeLinecap="round" />
        </svg>
      );
    case 'info':
      return (
        <svg {...common}>
          <circle cx="24" cy="24" r="22" fill="#005eb8" />
          <rect x="21" y="20" width="6" height="16" fill="#fff" />
          <rect x="21" y="11" width="6" height="6" fill="#fff" />
        </svg>
      );
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}
