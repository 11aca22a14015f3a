import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage } from '@/features/auth/components/login-page';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { AppLayout } from './layout/app-layout';
import { RouteError } from './routes/route-error';
import OverviewRoute from './routes/overview';

// The overview is the landing page and carries no chart: it ships in the entry chunk. Every other
// page (recharts among them) loads on first visit.
const DepartmentsRoute = lazy(() => import('./routes/departments'));
const DepartmentRoute = lazy(() => import('./routes/department'));
const ExecutiveRoute = lazy(() => import('./routes/executive'));
const TrainingRoute = lazy(() => import('./routes/training'));
const GoalsRoute = lazy(() => import('./routes/goals'));
const InterventionsRoute = lazy(() => import('./routes/interventions'));
const ConnectionsRoute = lazy(() => import('./routes/connections'));
const AlertsRoute = lazy(() => import('./routes/alerts'));
const UsersRoute = lazy(() => import('./routes/admin-users'));
const AuditRoute = lazy(() => import('./routes/admin-audit'));
const NotFoundRoute = lazy(() => import('./routes/not-found'));

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <OverviewRoute /> },
      { path: 'departments', element: <DepartmentsRoute /> },
      { path: 'departments/:name', element: <DepartmentRoute /> },
      { path: 'executive', element: <ExecutiveRoute /> },
      { path: 'training', element: <TrainingRoute /> },
      { path: 'goals', element: <GoalsRoute /> },
      { path: 'interventions', element: <InterventionsRoute /> },
      { path: 'alerts', element: <AlertsRoute /> },
      {
        path: 'connections',
        element: (
          <RequireAuth role="admin">
            <ConnectionsRoute />
          </RequireAuth>
        ),
      },
      {
        path: 'admin/users',
        element: (
          <RequireAuth role="admin">
            <UsersRoute />
          </RequireAuth>
        ),
      },
      {
        path: 'admin/audit',
        element: (
          <RequireAuth role="admin">
            <AuditRoute />
          </RequireAuth>
        ),
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
