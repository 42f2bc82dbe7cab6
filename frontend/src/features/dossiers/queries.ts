import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import type { ActionBody, DossierAction, DossierCreate, DossierRead, FormNumber } from '../../api/types';

export interface DossierFilter {
  status: number[];
  overdue: boolean;
  dueSoon: boolean;
  q: string;
  page: number;
}

export const DOSSIER_PAGE_SIZE = 20;

export const dossierKeys = {
  all: ['dossiers'] as const,
  lists: ['dossiers', 'list'] as const,
  list: (f: DossierFilter) => ['dossiers', 'list', f] as const,
  detail: (id: number) => ['dossiers', 'detail', id] as const,
  events: (id: number) => ['dossiers', 'events', id] as const,
  steps: (id: number) => ['dossiers', 'steps', id] as const,
  qr: (id: number, form: FormNumber) => ['dossiers', 'qr', id, form] as const,
};

export function useDossierList(filter: DossierFilter) {
  return useQuery({
    queryKey: dossierKeys.list(filter),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/dossiers', {
          params: {
            query: {
              status: filter.status.length > 0 ? filter.status : undefined,
              overdue: filter.overdue || undefined,
              due_soon: filter.dueSoon || undefined,
              q: filter.q.trim() || undefined,
              page: filter.page,
              size: DOSSIER_PAGE_SIZE,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useDossier(id: number) {
  return useQuery({
    queryKey: dossierKeys.detail(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/dossiers/{dossier_id}', { params: { path: { dossier_id: id } }, signal })),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useDossierEvents(id: number) {
  return useQuery({
    queryKey: dossierKeys.events(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/dossiers/{dossier_id}/events', { params: { path: { dossier_id: id } }, signal })),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/**
 * The QR code of a printed form. The endpoint needs the bearer token, so it goes through the client
 * and comes back as a data URL an <img> can show (and print) without another request.
 */
export function useDossierQr(id: number, form: FormNumber) {
  return useQuery({
    queryKey: dossierKeys.qr(id, form),
    queryFn: async ({ signal }) => {
      const svg = await unwrap(
        api.GET('/api/dossiers/{dossier_id}/qr.svg', {
          params: { path: { dossier_id: id }, query: { form } },
          parseAs: 'text',
          signal,
        }),
      );
      return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(String(svg))}`;
    },
    enabled: Number.isInteger(id) && id > 0,
    staleTime: Infinity,
  });
}

/**
 * Receive a dossier at the counter. The Idempotency-Key comes from the intake form (one per form), so
 * a double click or a retry after a lost answer returns the same dossier instead of creating a second one.
 */
export function useReceiveDossier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: DossierCreate; idempotencyKey: string }) =>
      unwrap(api.POST('/api/dossiers', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: (dossier) => {
      queryClient.setQueryData(dossierKeys.detail(dossier.id), dossier);
      void queryClient.invalidateQueries({ queryKey: dossierKeys.lists });
    },
  });
}

/**
 * Take an action on a dossier with the version last read (If-Match). A 409 means someone else moved
 * the dossier on meanwhile: the dossier and its history are reloaded so the screen shows the truth.
 */
export function useDossierAction(id: number) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: dossierKeys.events(id) });
    void queryClient.invalidateQueries({ queryKey: dossierKeys.steps(id) });
    void queryClient.invalidateQueries({ queryKey: dossierKeys.lists });
    // A forward or a result moves the step on: every work list and the board change.
    void queryClient.invalidateQueries({ queryKey: ['work'] });
  };
  return useMutation({
    mutationFn: ({ action, version, body }: { action: DossierAction; version: number; body: ActionBody }) =>
      unwrap(
        api.POST('/api/dossiers/{dossier_id}/actions/{action}', {
          params: { path: { dossier_id: id, action }, header: { 'If-Match': String(version) } },
          body,
        }),
      ),
    onSuccess: (dossier: DossierRead) => {
      queryClient.setQueryData(dossierKeys.detail(id), dossier);
      refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: dossierKeys.detail(id) });
        refresh();
      }
    },
  });
}
