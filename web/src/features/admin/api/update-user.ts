import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AccountViewSchema, type AccountView, type UpdateAccountRequest } from '@uptake/shared';
import { api } from '@/lib/api-client';
import { getUsersQueryOptions } from './get-users';

export function updateUser({ id, changes }: { id: number; changes: UpdateAccountRequest }): Promise<AccountView> {
  return api.patch(`/api/users/${id}`, changes, { schema: AccountViewSchema });
}

export function useUpdateUser({ onSuccess }: { onSuccess?: (account: AccountView) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: async (account) => {
      await queryClient.invalidateQueries({ queryKey: getUsersQueryOptions().queryKey });
      onSuccess?.(account);
    },
  });
}
