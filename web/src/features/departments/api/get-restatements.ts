import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { RestatementPageSchema, type RestatementPage } from '@uptake/shared';
import { api } from '@/lib/api-client';

interface RestatementsArgs {
  /** Department name, or "*" for the organisation. */
  department: string;
  page?: number;
  pageSize?: number;
}

export function getRestatements({
  department,
  page,
  pageSize,
  signal,
}: RestatementsArgs & { signal?: AbortSignal }): Promise<RestatementPage> {
  return api.get('/api/restatements', {
    params: {
      department,
      page: page === undefined ? undefined : String(page),
      pageSize: pageSize === undefined ? undefined : String(pageSize),
    },
    schema: RestatementPageSchema,
    signal,
  });
}

export function getRestatementsQueryOptions({ department, page, pageSize }: RestatementsArgs) {
  return queryOptions({
    queryKey: ['restatements', department, { page: page ?? 1, pageSize: pageSize ?? null }],
    queryFn: ({ signal }) => getRestatements({ department, page, pageSize, signal }),
  });
}

export function useRestatements(args: RestatementsArgs) {
  return useQuery({ ...getRestatementsQueryOptions(args), placeholderData: keepPreviousData });
}
