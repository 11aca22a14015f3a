import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { TrainingResponseSchema, type TrainingResponse } from '@uptake/shared';
import { api, apiUrl } from '@/lib/api-client';

export function getTraining({ asOf, signal }: { asOf?: string; signal?: AbortSignal }): Promise<TrainingResponse> {
  return api.get('/api/training', { params: { asOf }, schema: TrainingResponseSchema, signal });
}

export function getTrainingQueryOptions({ asOf }: { asOf?: string } = {}) {
  return queryOptions({
    queryKey: asOf ? ['training', { asOf }] : ['training'],
    queryFn: ({ signal }) => getTraining({ asOf, signal }),
  });
}

export function useTraining({ asOf }: { asOf?: string }) {
  return useQuery({ ...getTrainingQueryOptions({ asOf }), placeholderData: keepPreviousData });
}

/** The CSV of the people to train, served by the API as a download. */
export function peopleToTrainCsvUrl({ asOf }: { asOf?: string }): string {
  return apiUrl('/api/training/people.csv', { asOf });
}
