import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import { DOSSIER_ACTIONS, type DossierAction, type DossierEvent, type DossierRead } from '../../api/types';
import { ErrorNotice, SuccessNotice } from '../../components/ErrorNotice';
import { NotFoundPage } from '../../components/NotFound';
import { Loading, Spinner } from '../../components/Spinner';
import { BusyButton } from '../../components/SubmitButton';
import { formatDate, formatDateTime, formatVnd } from '../../lib/format';
import { hasRole, useSession } from '../auth/session';
import { useDepartments } from '../units/queries';
import { AssignDialog, RefusalNotice, ReleaseDialog } from '../work/AssignDialog';
import { useClaim, useDossierSteps } from '../work/queries';
import { StepChainTable } from '../work/StepChain';
import { currentStep, roleOfKind } from '../work/work';
import { StepRemaining } from '../work/WorkBits';
import { ActionDialog } from './ActionDialog';
import { RemainingText, StatusTag } from './DossierBits';
import { applicableForms, pauseReason, remainingTone, supplementRequests, wasReceived } from './lifecycle';
import { useDossier, useDossierEvents } from './queries';

/** Actions that end or refuse the dossier: shown as danger buttons. */
const DANGER_ACTIONS: readonly DossierAction[] = ['refuse_at_reception', 'refuse_to_resolve', 'stop', 'withdraw'];
/** The form an action produces, offered for printing right after it (as the counter intake does). */
const PRINT_AFTER: Partial<Record<DossierAction, '01' | '03'>> = { receive: '01', refuse_at_reception: '03' };

type Notice =
  | { kind: 'done'; action: DossierAction }
  | { kind: 'stale' }
  | { kind: 'assigned'; name: string }
  | { kind: 'released' }
  | { kind: 'claimed' };

export default function DossierDetailPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const { t } = useTranslation();
  const dossier = useDossier(id);
  const events = useDossierEvents(id);
  const steps = useDossierSteps(id);
  const departments = useDepartments();
  const me = useSession();
  const claim = useClaim();
  const [open, setOpen] = useState<DossierAction | null>(null);
  // The reason a refusal at reception starts with, when a receive found mandatory documents missing.
  const [prefill, setPrefill] = useState<string | undefined>();
  const [handing, setHanding] = useState<'assign' | 'release' | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (notice || claim.isError) noticeRef.current?.focus();
  }, [notice, claim.isError]);
  useEffect(() => {
    if (dossier.data) document.title = `${dossier.data.code} — ${t('common.appName')}`;
  }, [dossier.data, t]);

  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (dossier.isPending) return <Loading />;
  if (dossier.error instanceof ApiError && dossier.error.status === 404) return <NotFoundPage />;
  if (dossier.isError) return <ErrorNotice error={dossier.error} onRetry={() => void dossier.refetch()} />;

  const d = dossier.data;
  const history = events.data ?? [];
  const actions = DOSSIER_ACTIONS.filter((a) => d.allowed_actions.includes(a));
  const forms = applicableForms(d, history);
  // Registered online or by post, not received yet (status 1): no appointment, no step so far.
  const awaiting = d.status.code === 1;
  const received = wasReceived(d, history);
  const tone = remainingTone(d.remaining);
  const step = steps.data ? currentStep(steps.data.steps) : null;
  const isLeader = hasRole(me, 'leader');
  const canReassign = isLeader && step !== null;
  const canRelease = step !== null && step.assignee !== null && (isLeader || step.assignee.id === me.id);
  const canClaim = step !== null && step.assignee === null && hasRole(me, roleOfKind(step.kind));
  const departmentName = (depId: number | null) =>
    depId === null ? null : (departments.data?.find((x) => x.id === depId)?.name ?? null);
  const startHandOver = (kind: 'assign' | 'release') => {
    setNotice(null);
    claim.reset();
    setHanding(kind);
  };

  return (
    <div className="page dossier-detail">
      <nav className="breadcrumb" aria-label={t('common.breadcrumb')}>
        <Link to="/console/ho-so">← {t('detail.back')}</Link>
      </nav>
      <div className="page-head">
        <h1 className="code dossier-title">{d.code}</h1>
        <StatusTag status={d.status} />
      </div>
      <p className="lead">{d.procedure_name}</p>

      <div className={`due-strip${tone ? ` due-strip-${tone}` : ''}`}>
        <div>
          <span className="muted small">{t('dossier.dueAt')}</span>
          <strong className="code">
            {d.due_at ? formatDateTime(d.due_at) : awaiting ? t('dossier.awaitingDue') : t('intake.noTime')}
          </strong>
        </div>
        <div>
          <span className="muted small">
            {d.remaining || d.is_paused || !d.punctuality ? t('dossier.remaining') : t('dossier.punctuality')}
          </span>
          <RemainingText remaining={d.remaining} paused={pauseReason(d)} punctuality={d.punctuality} />
        </div>
        {d.current_step && (
          <div>
            <span className="muted small">{t('dossier.currentStep')}</span>
            <strong>{d.current_step}</strong>
          </div>
        )}
        {d.current_step && (
          <div>
            <span className="muted small">{t('dossier.assignee')}</span>
            <strong className="dossier-assignee">{d.assignee?.full_name ?? t('dossier.noAssignee')}</strong>
          </div>
        )}
        {d.step_due_at && (
          <div>
            <span className="muted small">{t('dossier.stepDueAt')}</span>
            <strong className="code">{formatDateTime(d.step_due_at)}</strong>
            {step && <StepRemaining remaining={step.remaining} paused={step.is_paused} />}
          </div>
        )}
        {dossier.isFetching && <Spinner />}
      </div>

      <div ref={noticeRef} tabIndex={-1}>
        {notice?.kind === 'stale' && (
          <div className="notice notice-error" role="alert">
            {t('detail.staleReloaded')}
          </div>
        )}
        {notice?.kind === 'done' && (
          <SuccessNotice>
            <span>{t('detail.done', { action: t(`actions.${notice.action}`) })}</span>
            {PRINT_AFTER[notice.action] && (
              <Link to={`/console/ho-so/${d.id}/in/${PRINT_AFTER[notice.action]}`} className="btn btn-small">
                {PRINT_AFTER[notice.action] === '01' ? t('detail.printReceipt') : t('detail.printRefusal')}
              </Link>
            )}
          </SuccessNotice>
        )}
        {notice?.kind === 'assigned' && <SuccessNotice>{t('assign.done', { name: notice.name })}</SuccessNotice>}
        {notice?.kind === 'released' && <SuccessNotice>{t('release.done')}</SuccessNotice>}
        {notice?.kind === 'claimed' && <SuccessNotice>{t('claim.done')}</SuccessNotice>}
        {claim.isError && <RefusalNotice error={claim.error} />}
      </div>

      <section className="card action-bar" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('detail.actions')}</h2>
        {awaiting && <p className="notice notice-info awaiting-note">{t('detail.awaiting')}</p>}
        {actions.length === 0 && !canReassign && !canRelease && !canClaim ? (
          <p className="muted">{t('detail.noActions')}</p>
        ) : (
          <div className="button-row">
            {actions.map((a) => (
              <button
                key={a}
                type="button"
                className={`btn ${DANGER_ACTIONS.includes(a) ? 'btn-danger' : 'btn-primary'}`}
                onClick={() => {
                  setNotice(null);
                  setPrefill(undefined);
                  setOpen(a);
                }}
              >
                {t(`actions.${a}`)}
              </button>
            ))}
            {canClaim && (
              <BusyButton
                type="button"
                className="btn btn-primary"
                busy={claim.isPending}
                busyLabel={t('pool.claiming')}
                onClick={() => {
                  setNotice(null);
                  claim.mutate(d.id, { onSuccess: () => setNotice({ kind: 'claimed' }) });
                }}
              >
                {t('pool.claim')}
              </BusyButton>
            )}
            {canReassign && (
              <button type="button" className="btn" onClick={() => startHandOver('assign')}>
                {t('board.reassign')}
              </button>
            )}
            {canRelease && (
              <button type="button" className="btn" onClick={() => startHandOver('release')}>
                {t('release.button')}
              </button>
            )}
          </div>
        )}
        <h3>{t('detail.forms')}</h3>
        <ul className="form-links">
          {forms.map((f) => (
            <li key={f}>
              <Link to={`/console/ho-so/${d.id}/in/${f}`}>
                <span className="code">{t('print.number', { form: f })}</span> — {t(`forms.${f}`)}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <div className="two-col">
        <section className="card" aria-labelledby="info-title">
          <h2 id="info-title">{t('detail.info')}</h2>
          <DossierFacts dossier={d} received={received} />
        </section>
        <section className="card" aria-labelledby="applicant-title">
          <h2 id="applicant-title">{t('detail.applicant')}</h2>
          <dl className="facts">
            <Fact label={t('dossier.fullName')}>{d.applicant.full_name}</Fact>
            <Fact label={t('dossier.idNumber')}>
              <span className="code">{d.applicant.id_number}</span>
            </Fact>
            {d.applicant.birth_date && <Fact label={t('dossier.birthDate')}>{formatDate(d.applicant.birth_date)}</Fact>}
            <Fact label={t('dossier.phone')}>
              <span className="code">{d.applicant.phone}</span>
            </Fact>
            {d.applicant.email && <Fact label={t('dossier.email')}>{d.applicant.email}</Fact>}
            <Fact label={t('dossier.address')}>{d.applicant.address}</Fact>
          </dl>
          {d.representative && (
            <>
              <h3>{t('dossier.representative')}</h3>
              <dl className="facts">
                <Fact label={t('dossier.fullName')}>{d.representative.full_name}</Fact>
                <Fact label={t('dossier.idNumber')}>
                  <span className="code">{d.representative.id_number}</span>
                </Fact>
                <Fact label={t('dossier.relation')}>{d.representative.relation}</Fact>
              </dl>
            </>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="docs-title">
        <h2 id="docs-title">{t('detail.documents')}</h2>
        {d.missing_documents.length > 0 && (
          <p className="notice notice-error">
            {t('detail.missingCount', { count: d.missing_documents.length })}
          </p>
        )}
        {d.documents.length === 0 ? (
          <p className="empty">{t('procedure.noDocuments')}</p>
        ) : (
          <table className="data-table stack-table received-docs">
            <caption className="visually-hidden">{t('detail.documents')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('procedure.docName')}</th>
                <th scope="col">{t('detail.required')}</th>
                <th scope="col">{t('detail.received')}</th>
              </tr>
            </thead>
            <tbody>
              {d.documents.map((doc) => {
                const got = doc.originals + doc.copies > 0;
                return (
                  <tr key={doc.index} className={!got && doc.mandatory ? 'row-missing' : undefined}>
                    <td data-label={t('procedure.docName')}>
                      {doc.name}{' '}
                      {doc.mandatory ? (
                        <span className="tag tag-strong">{t('procedure.mandatory')}</span>
                      ) : (
                        <span className="tag">{t('procedure.conditional')}</span>
                    )}
                  </td>
                  <td data-label={t('detail.required')} className="nowrap">
                    {t('detail.counts', { originals: doc.originals_required, copies: doc.copies_required })}
                  </td>
                  <td data-label={t('detail.received')} className="nowrap">
                    {got ? (
                      <span className="ok-text">✓ {t('detail.counts', { originals: doc.originals, copies: doc.copies })}</span>
                    ) : doc.mandatory ? (
                      <span className="off-text">✗ {t('detail.notReceived')}</span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        )}
      </section>

      <section className="card" aria-labelledby="chain-title">
        <h2 id="chain-title">{t('chain.title')}</h2>
        {steps.isPending ? (
          <Loading />
        ) : steps.isError ? (
          <ErrorNotice error={steps.error} onRetry={() => void steps.refetch()} />
        ) : (
          <StepChainTable chain={steps.data} departmentName={departmentName} />
        )}
      </section>

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('detail.timeline')}</h2>
        {events.isPending ? (
          <Loading />
        ) : events.isError ? (
          <ErrorNotice error={events.error} onRetry={() => void events.refetch()} />
        ) : (
          <EventTimeline events={history} />
        )}
      </section>

      {open && (
        <ActionDialog
          key={`${open}-${d.version}`}
          action={open}
          dossier={d}
          supplementRequests={supplementRequests(history)}
          planned={steps.data?.planned ?? null}
          initialReason={open === 'refuse_at_reception' ? prefill : undefined}
          onClose={() => setOpen(null)}
          onRefuseInstead={
            open === 'receive' && d.allowed_actions.includes('refuse_at_reception')
              ? (reason) => {
                  setPrefill(reason);
                  setOpen('refuse_at_reception');
                }
              : undefined
          }
          onDone={(action) => {
            setOpen(null);
            setNotice({ kind: 'done', action });
          }}
          onStale={() => {
            setOpen(null);
            setNotice({ kind: 'stale' });
          }}
        />
      )}
      {handing === 'assign' && (
        <AssignDialog
          dossierId={d.id}
          dossierCode={d.code}
          onClose={() => setHanding(null)}
          onDone={(name) => {
            setHanding(null);
            setNotice({ kind: 'assigned', name });
          }}
        />
      )}
      {handing === 'release' && step && (
        <ReleaseDialog
          dossierId={d.id}
          stepName={step.name}
          onClose={() => setHanding(null)}
          onDone={() => {
            setHanding(null);
            setNotice({ kind: 'released' });
          }}
        />
      )}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** `received`: false for a submission registered online or by post that the center has not received. */
function DossierFacts({ dossier: d, received }: { dossier: DossierRead; received: boolean }) {
  const { t } = useTranslation();
  const channel = (['in_person', 'online', 'postal'] as const)[d.channel - 1];
  return (
    <dl className="facts">
      <Fact label={t('dossier.procedure')}>
        {d.procedure_name} <span className="muted code">({d.procedure_code})</span>
      </Fact>
      <Fact label={t('dossier.channel')}>{t(`channels.${channel}`)}</Fact>
      <Fact label={received ? t('dossier.receivedAt') : t('dossier.submittedAt')}>
        <span className="code">{formatDateTime(d.received_at)}</span>
      </Fact>
      <Fact label={received ? t('dossier.receivedBy') : t('dossier.registeredBy')}>{d.received_by.full_name}</Fact>
      <Fact label={t('dossier.duration')}>{d.duration_text || t('intake.noTime')}</Fact>
      {d.original_due_at && (
        <Fact label={t('dossier.originalDueAt')}>
          <span className="code">{formatDateTime(d.original_due_at)}</span>
        </Fact>
      )}
      <Fact label={t('dossier.sets')}>{d.sets_count}</Fact>
      <Fact label={t('dossier.fees')}>
        {d.fees.length === 0
          ? '—'
          : d.fees.map((f, i) => (
              <div key={i}>
                {f.description}: <strong>{f.amount_vnd === 0 ? t('fees.free') : formatVnd(f.amount_vnd)}</strong>
              </div>
            ))}
      </Fact>
      <Fact label={t('dossier.delivery')}>
        {t(`delivery.${d.delivery}`)}
        {d.delivery === 'post' && d.delivery_address && <div className="small">{d.delivery_address}</div>}
      </Fact>
      {d.note && <Fact label={t('dossier.note')}>{d.note}</Fact>}
      {d.approved_at && (
        <Fact label={t('dossier.approvedAt')}>
          <span className="code">{formatDateTime(d.approved_at)}</span>
        </Fact>
      )}
      {d.result_number && (
        <Fact label={t('dossier.result')}>
          {d.result_number}
          {d.result_date && <> · {formatDate(d.result_date)}</>}
        </Fact>
      )}
      {d.outcome && <Fact label={t('dossier.outcome')}>{t(`outcome.${d.outcome}`, { defaultValue: d.outcome })}</Fact>}
      {d.finished_at && (
        <Fact label={t('dossier.finishedAt')}>
          <span className="code">{formatDateTime(d.finished_at)}</span>
        </Fact>
      )}
      {d.returned_at && (
        <Fact label={t('dossier.returnedAt')}>
          <span className="code">{formatDateTime(d.returned_at)}</span>
        </Fact>
      )}
      <Fact label={t('dossier.publicLink')}>
        <a href={d.public_url} target="_blank" rel="noreferrer" className="public-link">
          {t('detail.openPublic')}
        </a>
        <span className="muted small"> · {t('detail.lookups', { count: d.lookup_count })}</span>
      </Fact>
    </dl>
  );
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** `{id, full_name}` recorded in an event's data, as a name. */
function person(value: unknown): string | null {
  return typeof value === 'object' && value !== null ? str((value as { full_name?: unknown }).full_name) : null;
}

/** Events that change who holds the current step (assignment), recorded with `step`, `from` and `to`. */
const HAND_OVERS = new Set(['assign', 'claim', 'release', 'reassign_absence']);

/** Every event, oldest first, with what it changed. */
function EventTimeline({ events }: { events: DossierEvent[] }) {
  const { t } = useTranslation();
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  if (sorted.length === 0) return <p className="muted">—</p>;
  return (
    <ol className="timeline event-timeline">
      {sorted.map((e) => {
        const data = e.data;
        const missing = Array.isArray(data.missing_documents) ? (data.missing_documents as unknown[]).map(String) : [];
        return (
          <li key={e.seq} className="timeline-event">
            <span className="timeline-dot" aria-hidden="true" />
            <div className="event-head">
              <strong>{t(`events.${e.action}`, { defaultValue: e.action })}</strong>
              <span className="muted small">
                {e.from_status !== null && e.from_status !== e.to_status && <>{t(`status.${e.from_status}`)} → </>}
                {e.from_status !== e.to_status && t(`status.${e.to_status}`)}
              </span>
            </div>
            <div className="small muted">
              <span className="code">{formatDateTime(e.at)}</span> · {e.actor?.full_name ?? t('detail.system')}
            </div>
            <ul className="event-data small">
              {e.action === 'forward' && (str(data.to_step) ?? str(data.step)) && (
                <li>{t('detail.toStep', { step: str(data.to_step) ?? str(data.step) })}</li>
              )}
              {e.action === 'forward' && person(data.assignee) && (
                <li>
                  {t('assign.staff')}: {person(data.assignee)}
                </li>
              )}
              {HAND_OVERS.has(e.action) && (
                <li>
                  {t('detail.handOver', {
                    step: str(data.step) ?? '',
                    from: person(data.from) ?? t('detail.pool'),
                    to: person(data.to) ?? t('detail.pool'),
                  })}
                </li>
              )}
              {missing.length > 0 && (
                <li>
                  {/* Asked for (a supplement request), or found missing at registration or at reception. */}
                  {e.action === 'request_supplement' ? t('detail.missingList') : t('detail.missingFound')}:{' '}
                  {missing.join('; ')}
                </li>
              )}
              {typeof data.amount_vnd === 'number' && <li>{t('detail.amount', { amount: formatVnd(data.amount_vnd) })}</li>}
              {typeof data.paused_working_minutes === 'number' && (
                <li>{t('detail.pausedMinutes', { count: data.paused_working_minutes })}</li>
              )}
              {str(data.due_at) && <li>{t('detail.dueChanged', { date: formatDateTime(String(data.due_at)) })}</li>}
              {str(data.result_number) && (
                <li>
                  {t('detail.resultNumber', {
                    number: data.result_number,
                    date: str(data.result_date) ? formatDate(String(data.result_date)) : '',
                  })}
                </li>
              )}
              {str(data.collected_by) && (
                <li>
                  {t('detail.collected', { name: data.collected_by, relation: str(data.relation) ?? '' })}
                  {data.id_checked === true && <> · {t('detail.idChecked')}</>}
                </li>
              )}
              {str(data.tracking_number) && <li>{t('detail.tracking', { number: data.tracking_number })}</li>}
            </ul>
            {e.note && <p className="event-note">{e.note}</p>}
          </li>
        );
      })}
    </ol>
  );
}
