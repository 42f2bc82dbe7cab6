import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from '../../../i18n';
import { ApiError } from '../../../api/errors';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { NotFoundPage } from '../../../components/NotFound';
import { Loading } from '../../../components/Spinner';
import { hasRole, useSession } from '../../auth/session';
import { useDepartments } from '../../units/queries';
import { AssignDialog, ReleaseDialog } from '../../work/AssignDialog';
import { roleOfKind } from '../../work/candidates';
import { currentStep } from '../../work/chain';
import { useDossierSteps } from '../../work/queries';
import { StepChainTable } from '../../work/StepChainTable';
import { offeredActions } from '../actions';
import { applicableForms, supplementRequests, wasReceived } from '../lifecycle';
import { useDossier, useDossierEvents } from '../queries';
import { StatusTag } from '../StatusTag';
import './dossier-detail.css';
import { ActionBar } from './ActionBar';
import { ActionDialog } from './ActionDialog';
import { ApplicantFacts } from './ApplicantFacts';
import { DetailNotices } from './DetailNotices';
import { DossierFacts } from './DossierFacts';
import { DueStrip } from './DueStrip';
import { EventTimeline } from './EventTimeline';
import { ReceivedDocumentsTable } from './ReceivedDocumentsTable';
import { useDetailState } from './useDetailState';

/** `/console/ho-so/:id`: a dossier's data, documents, steps and history, and what the caller may do with it now. */
export default function DossierDetailPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const { t } = useTranslation();
  const dossier = useDossier(id);
  const events = useDossierEvents(id);
  const steps = useDossierSteps(id);
  const departments = useDepartments();
  const me = useSession();
  const state = useDetailState();

  useEffect(() => {
    if (dossier.data) document.title = `${dossier.data.code} — ${t('common.appName')}`;
  }, [dossier.data, t]);

  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (dossier.isPending) return <Loading />;
  if (dossier.error instanceof ApiError && dossier.error.status === 404) return <NotFoundPage />;
  if (dossier.isError) return <ErrorNotice error={dossier.error} onRetry={() => void dossier.refetch()} />;

  const d = dossier.data;
  const history = events.data ?? [];
  const step = steps.data ? currentStep(steps.data.steps) : null;
  const isLeader = hasRole(me, 'leader');
  const { claim, open, handing } = state;
  const departmentName = (depId: number | null) =>
    depId === null ? null : (departments.data?.find((x) => x.id === depId)?.name ?? null);

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

      <DueStrip dossier={d} step={step} fetching={dossier.isFetching} />
      <DetailNotices
        dossierId={d.id}
        notice={state.notice}
        claimError={claim.isError ? claim.error : null}
        focusRef={state.noticeRef}
      />
      <ActionBar
        dossierId={d.id}
        awaiting={d.status.code === 1}
        actions={offeredActions(d.allowed_actions)}
        forms={applicableForms(d, history)}
        canClaim={step !== null && step.assignee === null && hasRole(me, roleOfKind(step.kind))}
        canReassign={isLeader && step !== null}
        canRelease={step !== null && step.assignee !== null && (isLeader || step.assignee.id === me.id)}
        claiming={claim.isPending}
        onAction={state.openAction}
        onClaim={() => state.claimStep(d.id)}
        onHandOver={state.startHandOver}
      />

      <div className="two-col">
        <section className="card" aria-labelledby="info-title">
          <h2 id="info-title">{t('detail.info')}</h2>
          <DossierFacts dossier={d} received={wasReceived(d, history)} />
        </section>
        <section className="card" aria-labelledby="applicant-title">
          <h2 id="applicant-title">{t('detail.applicant')}</h2>
          <ApplicantFacts dossier={d} />
        </section>
      </div>

      <section className="card" aria-labelledby="docs-title">
        <h2 id="docs-title">{t('detail.documents')}</h2>
        <ReceivedDocumentsTable dossier={d} />
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
          initialReason={open === 'refuse_at_reception' ? state.prefill : undefined}
          onClose={state.closeAction}
          onRefuseInstead={
            open === 'receive' && d.allowed_actions.includes('refuse_at_reception') ? state.refuseInstead : undefined
          }
          onDone={state.actionDone}
          onStale={state.actionStale}
        />
      )}
      {handing === 'assign' && (
        <AssignDialog
          dossierId={d.id}
          dossierCode={d.code}
          onClose={state.closeHandOver}
          onDone={(name) => state.handOverDone({ kind: 'assigned', name })}
        />
      )}
      {handing === 'release' && step && (
        <ReleaseDialog
          dossierId={d.id}
          stepName={step.name}
          onClose={state.closeHandOver}
          onDone={() => state.handOverDone({ kind: 'released' })}
        />
      )}
    </div>
  );
}
