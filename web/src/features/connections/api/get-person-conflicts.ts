import { queryOptions, useQuery } from '@tanstack/react-query';
import { PersonConflictSchema, type PersonConflict } from '@uptake/shared';
import { z } from 'zod';
import { api } from '@/lib/api-client';

const PersonConflictListSchema = z.array(PersonConflictSchema);

export function getPersonConflicts({ signal }: { signal?: AbortSignal } = {}): Promise<PersonConflict[]> {
  return api.get('/api/connections/person-conflicts', { schema: PersonConflictListSchema, signal });
}

export function usePersonConflicts() {
  return useQuery(
    queryOptions({ queryKey: ['connections', 'person', 'conflicts'], queryFn: ({ signal }) => getPersonConflicts({ signal }) }),
  );
}
