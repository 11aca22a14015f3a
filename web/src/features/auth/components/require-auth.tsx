import type { Role } from '@uptake/shared';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { useSession } from '../api/get-session';

/**
 * Shows `children` to a signed-in account (of `role`, when given); sends everyone else to
 * /login?next=<here>. The server enforces every rule anyway: this only spares a page of errors.
 */
export function RequireAuth({ children, role }: { children: ReactNode; role?: Role }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading label="Checking your sign-in…" />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) return <Navigate to={`/login?next=${encodeURIComponent(`${location.pathname}${location.search}`)}`} replace />;
  if (role && session.data.account.role !== role) {
    return (
      <EmptyState title="Not for your role">
        <p>
          This page is for the {role} role; you are signed in as {session.data.account.role}.
        </p>
      </EmptyState>
    );
  }
  return <>{children}</>;
}
