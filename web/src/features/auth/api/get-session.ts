import { queryOptions, useQuery } from '@tanstack/react-query';
import { SessionResponseSchema, type SessionResponse } from '@uptake/shared';
import { ApiError, api } from '@/lib/api-client';

/** The signed-in account, or null when nobody is signed in (401). */
export async function getSession({ signal }: { signal?: AbortSignal } = {}): Promise<SessionResponse | null> {
  try {
    return await api.get('/api/auth/me', { schema: SessionResponseSchema, signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
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
