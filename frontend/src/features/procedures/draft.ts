import type { ProcedureAdmin, ProcedureUpdate } from '../../api/types';

type ListKeys =
  | 'channels'
  | 'processing_times'
  | 'fees'
  | 'documents'
  | 'steps'
  | 'conditions'
  | 'results'
  | 'legal_basis'
  | 'target_users';

/** The editor's working copy: every list present (the API lets a writer omit them), plus the code. */
export type Draft = Omit<ProcedureUpdate, ListKeys> & { [K in ListKeys]-?: NonNullable<ProcedureUpdate[K]> } & {
  code: string;
};
export type Result = Draft['results'][number];
export type Legal = Draft['legal_basis'][number];

export const EMPTY: Draft = {
  code: '',
  name_vi: '',
  name_en: null,
  sector_id: 0,
  level: null,
  agency: null,
  channels: ['in_person'],
  processing_times: [],
  fees: [],
  documents: [],
  steps: [],
  conditions: [],
  results: [],
  legal_basis: [],
  target_users: [],
};

export function toDraft(p: ProcedureAdmin): Draft {
  return {
    code: p.code,
    name_vi: p.name_vi,
    name_en: p.name_en ?? null,
    sector_id: p.sector.id,
    level: p.level ?? null,
    agency: p.agency ?? null,
    channels: [...p.channels],
    processing_times: p.processing_times.map((x) => ({ ...x })),
    fees: p.fees.map((x) => ({ ...x })),
    documents: p.documents.map((x) => ({ ...x })),
    steps: [...p.steps],
    conditions: [...p.conditions],
    results: p.results.map((x) => ({ ...x })),
    legal_basis: p.legal_basis.map((x) => ({ ...x })),
    target_users: [...p.target_users],
  };
}

const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
const cleanLines = (lines: string[]) => lines.map((s) => s.trim()).filter(Boolean);

/** What is sent: trimmed text, empty optional text as null, blank lines dropped. */
export function toPayload(d: Draft): Draft {
  return {
    ...d,
    code: d.code.trim(),
    name_vi: d.name_vi.trim(),
    name_en: blankToNull(d.name_en),
    level: blankToNull(d.level),
    agency: blankToNull(d.agency),
    processing_times: d.processing_times.map((x) => ({ ...x, text: blankToNull(x.text) })),
    fees: d.fees.map((x) => ({ ...x, description: x.description.trim(), note: blankToNull(x.note) })),
    documents: d.documents.map((x) => ({
      ...x,
      name: x.name.trim(),
      condition: blankToNull(x.condition),
      group: blankToNull(x.group),
      template: blankToNull(x.template),
    })),
    steps: cleanLines(d.steps),
    conditions: cleanLines(d.conditions),
    results: d.results.map((x) => ({ name: x.name.trim(), code: blankToNull(x.code) })),
    legal_basis: d.legal_basis.map((x) => ({ code: x.code.trim(), title: blankToNull(x.title) })),
    target_users: cleanLines(d.target_users),
  };
}
