import { queryOptions, useQuery } from '@tanstack/react-query';
import { AuthProvidersResponseSchema, type AuthProvidersResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function getAuthProviders({ signal }: { signal?: AbortSignal } = {}): Promise<AuthProvidersResponse> {
  return api.get('/api/auth/providers', { schema: AuthProvidersResponseSchema, signal });
}

export function getAuthProvidersQueryOptions() {
  return queryOptions({ queryKey: ['auth-providers'], queryFn: ({ signal }) => getAuthProviders({ signal }), staleTime: Infinity });
}

export function useAuthProviders() {
  return useQuery(getAuthProvidersQueryOptions());
}
