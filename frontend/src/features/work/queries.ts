import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { AbsenceCreate, StepChain, TemplateCreate, TemplateWrite } from '../../api/types';
import { dossierKeys } from '../dossiers/queries';
import type { WorkTab } from './urgency';

export const WORK_PAGE_SIZE = 20;

/** The dossier's current step, or the one a forward would enter. */
export type CandidateStep = 'current' | 'next';
export const NOTIFICATION_PAGE_SIZE = 20;

export const workKeys = {
  all: ['work'] as const,
  mine: (tab: WorkTab, page: number) => ['work', 'mine', tab, page] as const,
  staff: (staffId: number, tab: WorkTab, page: number) => ['work', 'staff', staffId, tab, page] as const,
  candidates: (dossierId: number, step: CandidateStep) => ['work', 'candidates', dossierId, step] as const,
  pool: (departmentId: number | null, page: number) => ['work', 'pool', departmentId, page] as const,
  board: ['work', 'board'] as const,
  absences: ['absences'] as const,
  templates: ['process-templates'] as const,
  template: (id: number) => ['process-templates', id] as const,
  effective: (code: string) => ['process-templates', 'effective', code] as const,
  notifications: ['notifications'] as const,
  notificationList: (unreadOnly: boolean, page: number, size: number) =>
    ['notifications', unreadOnly, page, size] as const,
};

/** After a step changed hands: the dossier, its steps, every work list and the board are stale. */
function afterHandOver(queryClient: QueryClient, dossierId: number, chain?: StepChain) {
  if (chain) queryClient.setQueryData(dossierKeys.steps(dossierId), chain);
  void queryClient.invalidateQueries({ queryKey: dossierKeys.detail(dossierId) });
  void queryClient.invalidateQueries({ queryKey: dossierKeys.events(dossierId) });
  void queryClient.invalidateQueries({ queryKey: dossierKeys.lists });
  void queryClient.invalidateQueries({ queryKey: workKeys.all });
}

// ------------------------------------------------------------------ my work, pool, board

export function useMyWork(tab: WorkTab, page: number) {
  return useQuery({
    queryKey: workKeys.mine(tab, page),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/me/work', {
          params: {
            query: {
              due_soon: tab === 'due_soon' || undefined,
              overdue: tab === 'overdue' || undefined,
              page,
              size: WORK_PAGE_SIZE,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** One officer's open steps, as their own My work shows them (leaders, from the board). */
export function useStaffWork(staffId: number, tab: WorkTab, page: number) {
  return useQuery({
    queryKey: workKeys.staff(staffId, tab, page),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/work/staff/{staff_id}', {
          params: {
            path: { staff_id: staffId },
            query: {
              due_soon: tab === 'due_soon' || undefined,
              overdue: tab === 'overdue' || undefined,
              page,
              size: WORK_PAGE_SIZE,
            },
          },
          signal,
        }),
      ),
    enabled: Number.isInteger(staffId) && staffId > 0,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function usePool(departmentId: number | null, page: number) {
  return useQuery({
    queryKey: workKeys.pool(departmentId, page),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/work/pool', {
          params: { query: { department_id: departmentId ?? undefined, page, size: WORK_PAGE_SIZE } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dossierId: number) =>
      unwrap(api.POST('/api/dossiers/{dossier_id}/claim', { params: { path: { dossier_id: dossierId } } })),
    onSuccess: (chain, dossierId) => afterHandOver(queryClient, dossierId, chain),
    // Someone else was faster (409): the pool shows who is left.
    onError: () => void queryClient.invalidateQueries({ queryKey: workKeys.all }),
  });
}

/** The leader's board; `enabled: false` for everyone else (the endpoint is the leaders'). */
export function useBoard(enabled = true) {
  return useQuery({
    queryKey: workKeys.board,
    queryFn: ({ signal }) => unwrap(api.GET('/api/work/board', { signal })),
    enabled,
    staleTime: 30_000,
  });
}

// ------------------------------------------------------------------ a dossier's steps

/**
 * Who may take the dossier's current step or the next one: qualified first, least loaded first, with why
 * the others may not (409 when the dossier has no open step or no step left to forward to).
 */
export function useCandidates(dossierId: number, step: CandidateStep, enabled = true) {
  return useQuery({
    queryKey: workKeys.candidates(dossierId, step),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/dossiers/{dossier_id}/candidates', {
          params: { path: { dossier_id: dossierId }, query: { step } },
          signal,
        }),
      ),
    enabled: enabled && Number.isInteger(dossierId) && dossierId > 0,
    // Loads change with every hand-over: ask again each time a dialog opens.
    staleTime: 0,
  });
}

/** The chain of steps; an action on the dossier refreshes it (useDossierAction). */
export function useDossierSteps(dossierId: number) {
  return useQuery({
    queryKey: dossierKeys.steps(dossierId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/dossiers/{dossier_id}/steps', { params: { path: { dossier_id: dossierId } }, signal })),
    enabled: Number.isInteger(dossierId) && dossierId > 0,
    placeholderData: keepPreviousData,
  });
}

export function useAssign(dossierId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { staff_id: number; reason: string }) =>
      unwrap(api.POST('/api/dossiers/{dossier_id}/assign', { params: { path: { dossier_id: dossierId } }, body })),
    onSuccess: (chain) => afterHandOver(queryClient, dossierId, chain),
  });
}

export function useRelease(dossierId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.POST('/api/dossiers/{dossier_id}/release', {
          params: { path: { dossier_id: dossierId } },
          body: { reason },
        }),
      ),
    onSuccess: (chain) => afterHandOver(queryClient, dossierId, chain),
  });
}

// ------------------------------------------------------------------ absences

/** Absences that have not ended yet (current and upcoming). */
export function useAbsences(endsAfter: string) {
  return useQuery({
    queryKey: [...workKeys.absences, endsAfter],
    queryFn: ({ signal }) => unwrap(api.GET('/api/absences', { params: { query: { ends_after: endsAfter } }, signal })),
  });
}

export function useCreateAbsence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AbsenceCreate) => unwrap(api.POST('/api/absences', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: workKeys.absences });
      // An absence that has started hands its open work on at once.
      void queryClient.invalidateQueries({ queryKey: workKeys.all });
    },
  });
}

export function useCancelAbsence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.DELETE('/api/absences/{absence_id}', { params: { path: { absence_id: id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: workKeys.absences });
      void queryClient.invalidateQueries({ queryKey: workKeys.board });
    },
  });
}

// ------------------------------------------------------------------ process templates

export function useTemplates() {
  return useQuery({
    queryKey: workKeys.templates,
    queryFn: ({ signal }) => unwrap(api.GET('/api/process-templates', { signal })),
  });
}

export function useTemplate(id: number | null) {
  return useQuery({
    queryKey: workKeys.template(id ?? 0),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/process-templates/{template_id}', { params: { path: { template_id: id! } }, signal })),
    enabled: id !== null && Number.isInteger(id) && id > 0,
  });
}

/** The plan a new dossier of this procedure would follow (null code: nothing asked). */
export function useEffectivePlan(procedureCode: string | null) {
  return useQuery({
    queryKey: workKeys.effective(procedureCode ?? ''),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/process-templates/effective', {
          params: { query: { procedure_code: procedureCode! } },
          signal,
        }),
      ),
    enabled: Boolean(procedureCode),
    retry: false,
  });
}

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; body: TemplateWrite } | { id: null; body: TemplateCreate }) =>
      input.id === null
        ? unwrap(api.POST('/api/process-templates', { body: input.body }))
        : unwrap(
            api.PUT('/api/process-templates/{template_id}', {
              params: { path: { template_id: input.id } },
              body: input.body,
            }),
          ),
    onSuccess: (template) => {
      queryClient.setQueryData(workKeys.template(template.id), template);
      void queryClient.invalidateQueries({ queryKey: workKeys.templates });
    },
  });
}

export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.DELETE('/api/process-templates/{template_id}', { params: { path: { template_id: id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: workKeys.templates }),
  });
}

// ------------------------------------------------------------------ notifications

export function useNotifications(unreadOnly: boolean, page: number, size = NOTIFICATION_PAGE_SIZE) {
  return useQuery({
    queryKey: workKeys.notificationList(unreadOnly, page, size),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/me/notifications', {
          params: { query: { unread_only: unreadOnly, page, size } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    // The bell keeps its count fresh while the console is open.
    refetchInterval: 60_000,
  });
}

/** Mark some notifications read (null: all of them). */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[] | null) => unwrap(api.POST('/api/me/notifications/read', { body: { ids } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: workKeys.notifications }),
  });
}
