import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { AsOfPicker } from '@/components/as-of-picker';
import { Loading } from '@/components/ui/states';
import { useAsOfSearch } from '@/hooks/use-as-of';

const NAV = [
  { to: '/', label: 'Overview', end: true },
  { to: '/departments', label: 'Departments', end: false },
  { to: '/executive', label: 'Executive', end: false },
  { to: '/training', label: 'Training', end: false },
  { to: '/goals', label: 'Goals', end: false },
  { to: '/connections', label: 'Connections', end: false },
] as const;

/** Header with the navigation and the global as-of picker, then the page. */
export function AppLayout() {
  const search = useAsOfSearch();
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
          <nav aria-label="Main" className="main-nav">
            <ul>
              {NAV.map((item) => (
                <li key={item.to}>
                  <NavLink to={{ pathname: item.to, search }} end={item.end}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <AsOfPicker />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<Loading label="Loading the page…" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
