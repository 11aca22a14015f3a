import { DEFAULT_MIN_GROUP_SIZE } from '@uptake/shared';
import { Suspense, useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { AsOfNotice } from '@/components/as-of-notice';
import { AsOfPicker } from '@/components/as-of-picker';
import { Loading } from '@/components/ui/states';
import { MinGroupSizeContext } from '@/components/ui/suppressed';
import { useSession } from '@/features/auth/api/get-session';
import { AccountMenu } from '@/features/auth/components/account-menu';
import { usePlan } from '@/features/goals/api/get-plan';
import { useAsOfSearch } from '@/hooks/use-as-of';

interface NavItem {
  to: string;
  label: string;
  end?: boolean;
  /** Only admins may open it (the server answers 403 to the others). */
  adminOnly?: boolean;
  /** The as-of day means nothing there. */
  keepAsOf?: boolean;
}

const NAV: NavItem[] = [
  { to: '/', label: 'Overview', end: true, keepAsOf: true },
  { to: '/departments', label: 'Departments', keepAsOf: true },
  { to: '/executive', label: 'Executive', keepAsOf: true },
  { to: '/training', label: 'Training', keepAsOf: true },
  { to: '/goals', label: 'Goals', keepAsOf: true },
  { to: '/interventions', label: 'Interventions', keepAsOf: true },
  { to: '/alerts', label: 'Alerts' },
  { to: '/connections', label: 'Connections', adminOnly: true, keepAsOf: true },
  { to: '/admin/users', label: 'Users', adminOnly: true },
  { to: '/admin/audit', label: 'Audit log', adminOnly: true },
];

/** Header with the navigation (by role), the global as-of picker and the account, then the page. */
export function AppLayout() {
  const search = useAsOfSearch();
  const session = useSession();
  const plan = usePlan();
  const isAdmin = session.data?.account.role === 'admin';
  const minGroupSize = plan.data?.current?.plan.privacy.min_group_size ?? DEFAULT_MIN_GROUP_SIZE;
  // On phones the navigation folds behind a menu button (CSS shows the button below 760 px); following a link folds it again.
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <NavLink to={{ pathname: '/', search }} className="brand" aria-label="Uptake home">
            <span className="brand-mark" aria-hidden="true">
              ▲
            </span>
            Uptake
          </NavLink>
          <button
            type="button"
            className="nav-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span aria-hidden="true">☰</span> Menu
          </button>
          <nav aria-label="Main" id="main-nav" className={menuOpen ? 'main-nav open' : 'main-nav'}>
            <ul>
              {NAV.filter((item) => isAdmin || !item.adminOnly).map((item) => (
                <li key={item.to}>
                  <NavLink to={{ pathname: item.to, search: item.keepAsOf ? search : '' }} end={item.end}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <AsOfPicker />
          <AccountMenu />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <AsOfNotice />
        <MinGroupSizeContext.Provider value={minGroupSize}>
          <Suspense fallback={<Loading label="Loading the page…" />}>
            <Outlet />
          </Suspense>
        </MinGroupSizeContext.Provider>
      </main>
    </div>
  );
}
