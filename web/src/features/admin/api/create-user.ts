import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreatedAccountResponseSchema, type CreateAccountRequest, type CreatedAccountResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';
import { getUsersQueryOptions } from './get-users';

export function createUser(body: CreateAccountRequest): Promise<CreatedAccountResponse> {
  return api.post('/api/users', body, { schema: CreatedAccountResponseSchema });
}

export function useCreateUser({ onSuccess }: { onSuccess?: (created: CreatedAccountResponse) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: getUsersQueryOptions().queryKey });
      onSuccess?.(created);
    },
  });
}
