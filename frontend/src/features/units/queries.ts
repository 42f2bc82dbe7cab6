import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { DepartmentCreate, DepartmentUpdate, SectorCreate, SectorUpdate, UnitUpdate } from '../../api/types';
import { authKeys } from '../auth/queries';

export const unitKeys = {
  current: ['units', 'current'] as const,
  departments: ['departments'] as const,
  sectors: ['sectors'] as const,
};

export function useCurrentUnit() {
  return useQuery({
    queryKey: unitKeys.current,
    queryFn: ({ signal }) => unwrap(api.GET('/api/units/current', { signal })),
  });
}

export function useUpdateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitUpdate) => unwrap(api.PATCH('/api/units/current', { body })),
    onSuccess: (unit) => {
      queryClient.setQueryData(unitKeys.current, unit);
      // The layout shows the center's name from /auth/me.
      void queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: unitKeys.departments,
    queryFn: ({ signal }) => unwrap(api.GET('/api/departments', { signal })),
    staleTime: 60_000,
  });
}

export function useSaveDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; body: DepartmentUpdate } | { id: null; body: DepartmentCreate }) =>
      input.id === null
        ? unwrap(api.POST('/api/departments', { body: input.body }))
        : unwrap(
            api.PATCH('/api/departments/{department_id}', {
              params: { path: { department_id: input.id } },
              body: input.body,
            }),
          ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitKeys.departments }),
  });
}

export function useSectors() {
  return useQuery({
    queryKey: unitKeys.sectors,
    queryFn: ({ signal }) => unwrap(api.GET('/api/sectors', { signal })),
    staleTime: 60_000,
  });
}

export function useSaveSector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; body: SectorUpdate } | { id: null; body: SectorCreate }) =>
      input.id === null
        ? unwrap(api.POST('/api/sectors', { body: input.body }))
        : unwrap(
            api.PATCH('/api/sectors/{sector_id}', { params: { path: { sector_id: input.id } }, body: input.body }),
          ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: unitKeys.sectors });
      void queryClient.invalidateQueries({ queryKey: ['public'] });
    },
  });
}
