import { queryOptions, useQuery } from '@tanstack/react-query';
import { SessionProbeResponseSchema, type SessionResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

/** The signed-in account, or null when nobody is signed in (answered 200, so a first visit logs no error). */
export async function getSession({ signal }: { signal?: AbortSignal } = {}): Promise<SessionResponse | null> {
  const probe = await api.get('/api/auth/session', { schema: SessionProbeResponseSchema, signal });
  if (!probe.authenticated) return null;
  const { authenticated: _authenticated, ...session } = probe;
  return session;
}

export const SESSION_QUERY_KEY = ['session'] as const;

export function getSessionQueryOptions() {
  return queryOptions({ queryKey: SESSION_QUERY_KEY, queryFn: ({ signal }) => getSession({ signal }), staleTime: 60_000 });
}

export function useSession() {
  return useQuery(getSessionQueryOptions());
}

/** Whether the signed-in account may see the people of `department` (admin: all; trainer: departments assigned). */
export function canSeePeopleOf(session: SessionResponse | null | undefined, department: string): boolean {
  if (!session) return false;
  if (session.peopleAccess === 'all') return true;
  return session.peopleAccess === 'departments' && session.account.departments.includes(department);
}

export function useCanSeePeople(department: string): boolean {
  return canSeePeopleOf(useSession().data, department);
}
