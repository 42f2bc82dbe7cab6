import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, tokenStore } from '../../api/client';
import { useAccessToken } from '../../api/useAccessToken';
import { unwrap } from '../../api/errors';

export const authKeys = {
  me: ['auth', 'me'] as const,
};

export function useMe() {
  const token = useAccessToken();
  return useQuery({
    queryKey: authKeys.me,
    queryFn: ({ signal }) => unwrap(api.GET('/api/auth/me', { signal })),
    enabled: token !== null,
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { username: string; password: string }) =>
      unwrap(
        api.POST('/api/auth/token', {
          body: credentials,
          bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        }),
      ),
    onSuccess: async (pair) => {
      queryClient.removeQueries({ queryKey: authKeys.me });
      tokenStore.set(pair);
      await queryClient.prefetchQuery({
        queryKey: authKeys.me,
        queryFn: () => unwrap(api.GET('/api/auth/me')),
      });
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const refresh = tokenStore.refresh();
      if (refresh) {
        // The session ends locally whatever the server answers.
        await api.POST('/api/auth/logout', { body: { refresh_token: refresh } }).catch(() => undefined);
      }
    },
    onSettled: () => {
      tokenStore.clear();
      queryClient.clear();
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) =>
      unwrap(api.POST('/api/auth/password', { body })),
  });
}
