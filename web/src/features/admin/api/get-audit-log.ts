import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { AuditPageSchema, type AuditPage, type AuditQuery } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function getAuditLog(query: AuditQuery, { signal }: { signal?: AbortSignal } = {}): Promise<AuditPage> {
  return api.get('/api/audit', { params: { ...query }, schema: AuditPageSchema, signal });
}

export function getAuditLogQueryOptions(query: AuditQuery = {}) {
  return queryOptions({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => getAuditLog(query, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAuditLog(query: AuditQuery = {}) {
  return useQuery(getAuditLogQueryOptions(query));
}
