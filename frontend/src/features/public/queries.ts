import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { ProcedureSummary } from '../../api/types';

export interface PublicSearch {
  q: string;
  sector: number | null;
  page: number;
  size?: number;
}

export const publicKeys = {
  all: ['public'] as const,
  search: (s: PublicSearch) => ['public', 'procedures', s] as const,
  procedure: (code: string) => ['public', 'procedure', code] as const,
  sectors: () => ['public', 'sectors'] as const,
  sectorAll: (id: number) => ['public', 'sector-all', id] as const,
};

export function usePublicProcedures(search: PublicSearch) {
  const q = search.q.trim();
  return useQuery({
    queryKey: publicKeys.search({ ...search, q }),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/public/procedures', {
          params: {
            query: {
              q: q || undefined,
              sector: search.sector ?? undefined,
              page: search.page,
              size: search.size ?? 20,
            },
          },
          signal,
        }),
      ),
    enabled: q.length > 0 || search.sector !== null,
    placeholderData: keepPreviousData,
  });
}

export function usePublicProcedure(code: string) {
  return useQuery({
    queryKey: publicKeys.procedure(code),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/public/procedures/{code}', { params: { path: { code } }, signal })),
  });
}

export function usePublicSectors() {
  return useQuery({
    queryKey: publicKeys.sectors(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/sectors', { signal })),
    staleTime: 5 * 60_000,
  });
}

/** Every published procedure of a sector (for the printed poster), page by page at the API's maximum size. */
export function useAllSectorProcedures(sectorId: number) {
  return useQuery({
    queryKey: publicKeys.sectorAll(sectorId),
    queryFn: async ({ signal }) => {
      const size = 100;
      const items: ProcedureSummary[] = [];
      for (let page = 1; ; page++) {
        const data = await unwrap(
          api.GET('/api/public/procedures', { params: { query: { sector: sectorId, page, size } }, signal }),
        );
        items.push(...data.items);
        if (data.items.length < size || items.length >= data.total) break;
      }
      return items;
    },
  });
}
