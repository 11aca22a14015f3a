import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PersonOverrideSchema, type PersonOverrideRequest, type PersonOverrideView } from '@uptake/shared';
import { z } from 'zod';
import { api } from '@/lib/api-client';

export function changePerson(body: PersonOverrideRequest): Promise<PersonOverrideView> {
  return api.post('/api/connections/person-overrides', body, { schema: PersonOverrideSchema });
}

/** Merges, splits and their undoing: the conflicts and the history are read again after each. */
export function useChangePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePerson,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['connections', 'person'] }),
  });
}

export function usePersonOverrides() {
  return useQuery(
    queryOptions({
      queryKey: ['connections', 'person', 'overrides'],
      queryFn: ({ signal }) => api.get('/api/connections/person-overrides', { schema: z.array(PersonOverrideSchema), signal }),
    }),
  );
}
