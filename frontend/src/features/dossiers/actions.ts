/**
 * The workflow actions as the console offers them. The names come from the contract (openapi.yaml's
 * DossierAction enum); the table below says, for each, how its button looks, which form is printed right
 * after it and which fields its form asks for. A new action in the contract is a type error here until the
 * console handles it. Pure: no React, no network.
 */
import type { ActionBody, DossierAction, DossierRead } from '../../api/types';
import { localInputToIso } from '../../lib/format';

export type ActionField =
  | 'to_step'
  | 'assignee_id'
  | 'missing_documents'
  | 'reason'
  | 'second_request_reason'
  | 'amount_vnd'
  | 'new_due_at'
  | 'decision_note'
  | 'result_number'
  | 'result_date'
  | 'collected_by'
  | 'relation'
  | 'id_checked'
  | 'tracking_number'
  | 'note';

export interface FieldSpec {
  name: ActionField;
  required: boolean;
}

/** What an action's fields depend on. */
export interface ActionFacts {
  delivery: DossierRead['delivery'];
  /** Supplement requests so far: a second one needs its own reason. */
  supplementRequests: number;
}

interface ActionSpec {
  /** Ends or refuses the dossier: a danger button. */
  danger: boolean;
  /** The form the action produces, offered for printing right after it (as the counter intake does). */
  printAfter?: '01' | '03';
  /** The fields of the action's form, as the workflow table of the API requires them. */
  fields: (facts: ActionFacts) => FieldSpec[];
}

const req = (name: ActionField): FieldSpec => ({ name, required: true });
const opt = (name: ActionField): FieldSpec => ({ name, required: false });

/** Every action, in the order the dossier page offers them. */
export const ACTIONS = {
  // A submission registered online or by post (status 1) is received or refused at the counter. The
  // appointment is computed by the server from this moment; only a note may go with it.
  receive: { danger: false, printAfter: '01', fields: () => [opt('note')] },
  // The reason is printed on form 03.
  refuse_at_reception: { danger: true, printAfter: '03', fields: () => [req('reason')] },
  // Both optional: by default the dossier goes to the next step of its plan, to whoever auto-assignment picks.
  forward: { danger: false, fields: () => [opt('to_step'), opt('assignee_id'), opt('note')] },
  request_supplement: {
    danger: false,
    fields: ({ supplementRequests }) => [
      req('missing_documents'),
      req('reason'),
      ...(supplementRequests >= 1 ? [req('second_request_reason')] : []),
    ],
  },
  supplement_received: { danger: false, fields: () => [opt('note')] },
  request_payment: { danger: false, fields: () => [req('amount_vnd'), req('reason')] },
  payment_received: { danger: false, fields: () => [opt('note')] },
  approve: { danger: false, fields: () => [opt('decision_note')] },
  refuse_to_resolve: { danger: true, fields: () => [req('reason')] },
  stop: { danger: true, fields: () => [req('reason')] },
  withdraw: { danger: true, fields: () => [req('reason')] },
  extend: { danger: false, fields: () => [req('new_due_at'), req('reason')] },
  mark_done: { danger: false, fields: () => [req('result_number'), req('result_date')] },
  return_result: {
    danger: false,
    fields: ({ delivery }) => [
      req('collected_by'),
      req('relation'),
      delivery === 'post' ? req('tracking_number') : req('id_checked'),
    ],
  },
} satisfies Record<DossierAction, ActionSpec>;

const ACTION_ORDER = Object.keys(ACTIONS) as DossierAction[];

/** The actions a dossier allows, in the order of the table (the API's list has no order to rely on). */
export function offeredActions(allowed: readonly DossierAction[]): DossierAction[] {
  return ACTION_ORDER.filter((a) => allowed.includes(a));
}

export function isDangerAction(action: DossierAction): boolean {
  return ACTIONS[action].danger;
}

/** The form to print right after an action, if it produces one. */
export function formAfter(action: DossierAction): '01' | '03' | undefined {
  const spec: ActionSpec = ACTIONS[action];
  return spec.printAfter;
}

/** The fields of an action's form, as the workflow table of the API requires them. */
export function actionFields(action: DossierAction, facts: ActionFacts): FieldSpec[] {
  return ACTIONS[action].fields(facts);
}

/** What the action form holds: text for every field, a list for missing documents, a flag for id_checked. */
export interface ActionValues {
  text: Partial<Record<ActionField, string>>;
  missing: string[];
  idChecked: boolean;
}

function splitLines(value: string | undefined): string[] {
  return (value ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The complete list of missing documents: the ticked checklist rows, then one per line of "other". */
export function missingDocumentsOf(values: ActionValues): string[] {
  const all = [...values.missing, ...splitLines(values.text.missing_documents)];
  return all.filter((d, i) => all.indexOf(d) === i);
}

/** Problems as `{field: i18n key}`, checked before sending. */
export function validateAction(
  specs: FieldSpec[],
  values: ActionValues,
  context: { dueAt: string | null } = { dueAt: null },
): Partial<Record<ActionField, string>> {
  const errors: Partial<Record<ActionField, string>> = {};
  for (const { name, required } of specs) {
    const text = values.text[name]?.trim() ?? '';
    if (name === 'missing_documents') {
      if (required && missingDocumentsOf(values).length === 0) errors[name] = 'validation.pickDocuments';
    } else if (name === 'id_checked') {
      if (required && !values.idChecked) errors[name] = 'validation.idChecked';
    } else if (!text) {
      if (required) errors[name] = 'validation.required';
    } else if (name === 'amount_vnd') {
      if (!/^\d+$/.test(text) || Number(text) > 10_000_000_000) errors[name] = 'validation.amount';
    } else if (name === 'result_date') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) errors[name] = 'validation.date';
    } else if (name === 'new_due_at') {
      const iso = localInputToIso(text);
      if (Number.isNaN(Date.parse(iso))) errors[name] = 'validation.date';
      else if (context.dueAt && Date.parse(iso) <= Date.parse(context.dueAt)) errors[name] = 'validation.laterThanDue';
    }
  }
  return errors;
}

/** The body of `POST …/actions/{action}`: only the action's fields, trimmed. */
export function actionBody(specs: FieldSpec[], values: ActionValues): ActionBody {
  const body: ActionBody = {};
  for (const { name } of specs) {
    const text = values.text[name]?.trim() ?? '';
    switch (name) {
      case 'missing_documents':
        body.missing_documents = missingDocumentsOf(values);
        break;
      case 'id_checked':
        body.id_checked = values.idChecked;
        break;
      case 'amount_vnd':
        if (text) body.amount_vnd = Number(text);
        break;
      case 'assignee_id':
        if (/^\d+$/.test(text)) body.assignee_id = Number(text);
        break;
      case 'new_due_at':
        if (text) body.new_due_at = localInputToIso(text);
        break;
      default:
        if (text) body[name] = text;
    }
  }
  return body;
}
