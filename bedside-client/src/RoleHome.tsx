import { lazy, Suspense, useState } from 'react';
import type { Role } from '@wardscan/shared';
import { NurseScreen } from './nurse/NurseScreen.js';

// The handheld loads the bedside screen first; pharmacy and manager screens only when opened.
const CatalogueScreen = lazy(() => import('./pharmacy/CatalogueScreen.js').then((m) => ({ default: m.CatalogueScreen })));
const DashboardScreen = lazy(() => import('./manager/DashboardScreen.js').then((m) => ({ default: m.DashboardScreen })));
const LabelsScreen = lazy(() => import('./labels/LabelsScreen.js').then((m) => ({ default: m.LabelsScreen })));
const StaffAccountsScreen = lazy(() => import('./account/StaffAccountsScreen.js').then((m) => ({ default: m.StaffAccountsScreen })));
const TrustScreen = lazy(() => import('./manager/TrustScreen.js').then((m) => ({ default: m.TrustScreen })));

type Tab = 'bedside' | 'catalogue' | 'dashboard' | 'labels' | 'staff' | 'trust';

const TABS_BY_ROLE: Record<Role, Tab[]> = {
  nurse: ['bedside'],
  pharmacist: ['catalogue', 'labels'],
  'ward-manager': ['dashboard'],
  admin: ['dashboard', 'trust', 'catalogue', 'labels', 'staff'],
};

const TAB_NAMES: Record<Tab, string> = { bedside: 'Bedside', catalogue: 'Catalogue', dashboard: 'Ward dashboard', labels: 'Labels', staff: 'Staff accounts', trust: 'Trust' };

/** Each role lands on its own screen; a role with several gets tabs. */
export function RoleHome({ role }: { role: Role }) {
  const tabs = TABS_BY_ROLE[role];
  const [tab, setTab] = useState<Tab>(tabs[0] ?? 'bedside');
  return (
    <>
      {tabs.length > 1 ? (
        <nav className="tabs" aria-label="Screens" style={{ flexWrap: 'wrap' }}>
          {tabs.map((name) => (
            <button key={name} type="button" aria-current={tab === name ? 'page' : undefined} onClick={() => setTab(name)}>
              {TAB_NAMES[name]}
            </button>
          ))}
        </nav>
      ) : null}
      <main>
        <Suspense fallback={<p role="status">Loading…</p>}>{screenFor(tab)}</Suspense>
      </main>
    </>
  );
}

function screenFor(tab: Tab) {
  switch (tab) {
    case 'bedside':
      return <NurseScreen />;
    case 'catalogue':
      return <CatalogueScreen />;
    case 'dashboard':
      return <DashboardScreen />;
    case 'labels':
      return <LabelsScreen />;
    case 'staff':
      return <StaffAccountsScreen />;
    case 'trust':
      return <TrustScreen />;
    default: {
      const unreachable: never = tab;
      return unreachable;
    }
  }
}
