import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { CalendarDayCreate, CalendarDayUpdate, CalendarSettings, DueDateQuery } from '../../api/types';

export const calendarKeys = {
  settings: ['calendar', 'settings'] as const,
  days: (year: number) => ['calendar', 'days', year] as const,
  allDays: ['calendar', 'days'] as const,
  preview: (q: Omit<DueDateQuery, 'start'>) => ['calendar', 'due-preview', q] as const,
};

export function useCalendarSettings() {
  return useQuery({
    queryKey: calendarKeys.settings,
    queryFn: ({ signal }) => unwrap(api.GET('/api/calendar', { signal })),
  });
}

export function useSaveWorkingHours() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CalendarSettings) => unwrap(api.PUT('/api/calendar/working-hours', { body })),
    onSuccess: (settings) => queryClient.setQueryData(calendarKeys.settings, settings),
  });
}

export function useCalendarDays(year: number) {
  return useQuery({
    queryKey: calendarKeys.days(year),
    queryFn: ({ signal }) => unwrap(api.GET('/api/calendar/days', { params: { query: { year } }, signal })),
  });
}

export function useAddCalendarDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CalendarDayCreate) => unwrap(api.POST('/api/calendar/days', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarKeys.allDays }),
  });
}

export function useUpdateCalendarDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: CalendarDayUpdate }) =>
      unwrap(api.PATCH('/api/calendar/days/{day_id}', { params: { path: { day_id: id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarKeys.allDays }),
  });
}

export function useDeleteCalendarDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.DELETE('/api/calendar/days/{day_id}', { params: { path: { day_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarKeys.allDays }),
  });
}

/** The calculator asks on demand, so this is a mutation-shaped call rather than a cached query. */
export function useDueDate() {
  return useMutation({
    mutationFn: (query: DueDateQuery) => unwrap(api.GET('/api/calendar/due-date', { params: { query } })),
  });
}

/**
 * The appointment a dossier received now would get, for the intake screen. The question leaves out the
 * start (now) so that the answer is cached per duration; it is asked again every minute as time moves on.
 */
export function useDueDatePreview(duration: Omit<DueDateQuery, 'start'> | null) {
  return useQuery({
    queryKey: calendarKeys.preview(duration ?? {}),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/calendar/due-date', {
          params: { query: { ...duration, start: new Date().toISOString() } },
          signal,
        }),
      ),
    enabled: duration !== null,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}
