import { queryOptions, useQuery } from '@tanstack/react-query';
import { AccountViewSchema, type AccountView } from '@uptake/shared';
import { z } from 'zod';
import { api } from '@/lib/api-client';

const AccountListSchema = z.array(AccountViewSchema);

export function getUsers({ signal }: { signal?: AbortSignal } = {}): Promise<AccountView[]> {
  return api.get('/api/users', { schema: AccountListSchema, signal });
}

export function getUsersQueryOptions() {
  return queryOptions({ queryKey: ['users'], queryFn: ({ signal }) => getUsers({ signal }) });
}

export function useUsers() {
  return useQuery(getUsersQueryOptions());
}
