import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { ProcedureAdmin, ProcedureCreate, ProcedureUpdate } from '../../api/types';

export interface ProcedureFilter {
  q: string;
  sector: number | null;
  published: boolean | null;
  page: number;
}

export const procedureKeys = {
  all: ['procedures'] as const,
  list: (f: ProcedureFilter) => ['procedures', 'list', f] as const,
  detail: (code: string) => ['procedures', 'detail', code] as const,
};

export function useProcedureList(filter: ProcedureFilter) {
  return useQuery({
    queryKey: procedureKeys.list(filter),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/procedures', {
          params: {
            query: {
              q: filter.q.trim() || undefined,
              sector: filter.sector ?? undefined,
              published: filter.published ?? undefined,
              page: filter.page,
              size: 20,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useProcedure(code: string | undefined) {
  return useQuery({
    queryKey: procedureKeys.detail(code ?? ''),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/procedures/{code}', { params: { path: { code: code! } }, signal })),
    enabled: Boolean(code),
  });
}

function useOnSaved() {
  const queryClient = useQueryClient();
  return (saved: ProcedureAdmin) => {
    queryClient.setQueryData(procedureKeys.detail(saved.code), saved);
    void queryClient.invalidateQueries({ queryKey: ['procedures', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['public'] });
  };
}

export function useCreateProcedure() {
  const onSaved = useOnSaved();
  return useMutation({
    mutationFn: (body: ProcedureCreate) => unwrap(api.POST('/api/procedures', { body })),
    onSuccess: onSaved,
  });
}

export function useUpdateProcedure() {
  const onSaved = useOnSaved();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: ProcedureUpdate }) =>
      unwrap(api.PUT('/api/procedures/{code}', { params: { path: { code } }, body })),
    onSuccess: onSaved,
  });
}

export function usePublishProcedure() {
  const onSaved = useOnSaved();
  return useMutation({
    mutationFn: ({ code, publish }: { code: string; publish: boolean }) =>
      unwrap(
        publish
          ? api.POST('/api/procedures/{code}/publish', { params: { path: { code } } })
          : api.POST('/api/procedures/{code}/unpublish', { params: { path: { code } } }),
      ),
    onSuccess: onSaved,
  });
}
