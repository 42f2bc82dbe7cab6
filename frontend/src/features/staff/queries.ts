import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { StaffCreate, StaffUpdate } from '../../api/types';
import { authKeys } from '../auth/queries';

export const staffKeys = {
  all: ['staff'] as const,
  list: (params: { q: string; page: number }) => ['staff', 'list', params] as const,
  directory: ['staff', 'directory'] as const,
};

/** The center's active colleagues (name, department, roles): any staff member may read it to choose someone. */
export function useStaffDirectory(enabled = true) {
  return useQuery({
    queryKey: staffKeys.directory,
    queryFn: ({ signal }) => unwrap(api.GET('/api/staff/directory', { signal })),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useStaffList(params: { q: string; page: number; size?: number }) {
  return useQuery({
    queryKey: staffKeys.list(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/staff', {
          params: { query: { q: params.q.trim() || undefined, page: params.page, size: params.size ?? 20 } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffCreate) => unwrap(api.POST('/api/staff', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKeys.all }),
  });
}

export function useUpdateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: StaffUpdate }) =>
      unwrap(api.PATCH('/api/staff/{staff_id}', { params: { path: { staff_id: id } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: staffKeys.all });
      void queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
  });
}

export function useResetStaffPassword() {
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: number; newPassword: string }) =>
      unwrap(
        api.POST('/api/staff/{staff_id}/password', {
          params: { path: { staff_id: id } },
          body: { new_password: newPassword },
        }),
      ),
  });
}
