import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { SESSION_QUERY_KEY } from '@/features/auth/api/get-session';
import { createQueryClient } from '@/lib/react-query';

/** A 401 from any query means the session ended: forget it, and RequireAuth sends the reader to sign in. */
function forgetSession(client: QueryClient): void {
  if (client.getQueryData(SESSION_QUERY_KEY) !== null) client.setQueryData(SESSION_QUERY_KEY, null);
}

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient({ onUnauthenticated: forgetSession }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
