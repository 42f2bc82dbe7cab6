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
  dossier: (token: string) => ['public', 'dossier', token] as const,
  dossierLookup: (l: DossierLookup) => ['public', 'dossier-lookup', l] as const,
};

/** A dossier looked up by its full code and the last 4 digits of the applicant's phone. */
export interface DossierLookup {
  code: string;
  phoneLast4: string;
}

/** Codes are printed in capitals (`…H42-…`); what was typed is trimmed and capitalised, never shortened. */
export function normalizeLookup(code: string, phoneLast4: string): DossierLookup {
  return { code: code.trim().toUpperCase(), phoneLast4: phoneLast4.trim() };
}

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
    enabled: code.length > 0,
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

/** The public status of a dossier from its receipt's QR code: plain words, never personal data. */
export function usePublicDossier(token: string) {
  return useQuery({
    queryKey: publicKeys.dossier(token),
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/dossiers/{token}', { params: { path: { token } }, signal })),
    enabled: token.length > 0,
  });
}

/** Lookups are rate-limited by the server, so this asks only for a submitted pair (null asks nothing). */
export function usePublicDossierLookup(lookup: DossierLookup | null) {
  return useQuery({
    queryKey: publicKeys.dossierLookup(lookup ?? { code: '', phoneLast4: '' }),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/public/dossiers', {
          params: { query: { code: lookup!.code, phone_last4: lookup!.phoneLast4 } },
          signal,
        }),
      ),
    enabled: lookup !== null,
    staleTime: 60_000,
  });
}
