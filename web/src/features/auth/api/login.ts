import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SessionResponseSchema, type LoginRequest, type SessionResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';
import { SESSION_QUERY_KEY } from './get-session';

export function login(body: LoginRequest): Promise<SessionResponse> {
  return api.post('/api/auth/login', body, { schema: SessionResponseSchema });
}

/** Signs in; the server sets the session and CSRF cookies. Everything cached for a previous account is dropped. */
export function useLogin({ onSuccess }: { onSuccess?: (session: SessionResponse) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY_KEY[0] });
      queryClient.setQueryData(SESSION_QUERY_KEY, session);
      onSuccess?.(session);
    },
  });
}
