import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, fieldErrors } from '../../api/errors';
import {
  CHANNELS,
  TIME_UNITS,
  type Fee,
  type ProcedureAdmin,
  type ProcedureDocument,
  type ProcessingTime,
} from '../../api/types';
import { ErrorNotice, SuccessNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Spinner';
import { BusyButton } from '../../components/SubmitButton';
import { formatDateTime, localName } from '../../lib/format';
import { useIsAdmin } from '../auth/session';
import { useSectors } from '../units/queries';
import { useCreateProcedure, useProcedure, usePublishProcedure, useUpdateProcedure } from './queries';
import { EMPTY, toDraft, toPayload, type Draft, type Legal, type Result } from './draft';
import { LinesField, RowsEditor } from './RowsEditor';
import { focusFirstInvalid } from '../../components/focus';

function Editor({ initial, existing }: { initial: Draft; existing: ProcedureAdmin | null }) {
  const { t, i18n } = useTranslation();
  const isAdmin = useIsAdmin();
  const navigate = useNavigate();
  const sectors = useSectors();
  const create = useCreateProcedure();
  const update = useUpdateProcedure();
  const publish = usePublishProcedure();
  const [draft, setDraft] = useState<Draft>(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const save = existing ? update : create;
  const server = fieldErrors(save.error);
  const err = (k: string) => local[k] ?? server[k];
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(false);
  };

  const channelOptions = CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }));

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const payload = toPayload(draft);
        const errs: Record<string, string> = {};
        if (!payload.code) errs.code = t('common.required');
        if (!payload.name_vi) errs.name_vi = t('common.required');
        if (!payload.sector_id) errs.sector_id = t('common.required');
        setLocal(errs);
        if (Object.keys(errs).length) {
          focusFirstInvalid(e.currentTarget);
          return;
        }
        if (existing) {
          const { code: _code, ...body } = payload;
          update.mutate(
            { code: existing.code, body },
            {
              onSuccess: (p) => {
                setDraft(toDraft(p));
                setSaved(true);
              },
            },
          );
        } else {
          create.mutate(payload, {
            onSuccess: (p) => navigate(`/console/procedures/${encodeURIComponent(p.code)}`, { replace: true }),
          });
        }
      }}
    >
      <ErrorNotice error={save.error} />
      {saved && <SuccessNotice>{t('procedures.savedVersion', { version: existing?.version })}</SuccessNotice>}

      <fieldset disabled={!isAdmin} className="plain">
        <section className="card" aria-labelledby="general-title">
          <h2 id="general-title">{t('procedures.general')}</h2>
          <div className="form-grid">
            <Field label={t('procedure.code')} error={err('code')} hint={existing ? undefined : t('procedures.codeHint')}>
              <input
                value={draft.code}
                readOnly={Boolean(existing)}
                onChange={(e) => set('code', e.target.value)}
                spellCheck={false}
              />
            </Field>
            <Field label={t('procedure.sector')} error={err('sector_id')}>
              <select value={draft.sector_id || ''} onChange={(e) => set('sector_id', Number(e.target.value))}>
                <option value="">—</option>
                {sectors.data?.map((s) => (
                  <option key={s.id} value={s.id}>
                    {localName(s, i18n.language)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('procedures.nameVi')} error={err('name_vi')} className="field-wide">
              <input value={draft.name_vi} onChange={(e) => set('name_vi', e.target.value)} lang="vi" />
            </Field>
            <Field label={t('procedures.nameEn')} error={err('name_en')} className="field-wide">
              <input value={draft.name_en ?? ''} onChange={(e) => set('name_en', e.target.value)} lang="en" />
            </Field>
            <Field label={t('procedure.level')} error={err('level')}>
              <input value={draft.level ?? ''} onChange={(e) => set('level', e.target.value)} />
            </Field>
            <Field label={t('procedure.agency')} error={err('agency')}>
              <input value={draft.agency ?? ''} onChange={(e) => set('agency', e.target.value)} />
            </Field>
          </div>
          <fieldset className="check-group">
            <legend>{t('procedure.channels')}</legend>
            {CHANNELS.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  checked={draft.channels.includes(c)}
                  onChange={(e) =>
                    set('channels', e.target.checked ? [...draft.channels, c] : draft.channels.filter((x) => x !== c))
                  }
                />
                {t(`channels.${c}`)}
              </label>
            ))}
          </fieldset>
        </section>

        <section className="card">
          <RowsEditor<ProcessingTime>
            legend={t('procedure.time')}
            itemLabel={t('procedures.timeRow')}
            rows={draft.processing_times}
            onChange={(rows) => set('processing_times', rows)}
            errors={server}
            errorPrefix="processing_times"
            newRow={() => ({ channel: 'in_person', amount: null, unit: 'working_days', text: null })}
            columns={[
              { key: 'channel', label: t('procedures.channel'), type: 'select', options: channelOptions },
              { key: 'amount', label: t('procedures.amount'), type: 'number', min: 0, step: 0.5 },
              {
                key: 'unit',
                label: t('procedures.unit'),
                type: 'select',
                nullable: true,
                options: TIME_UNITS.map((u) => ({ value: u, label: t(`procedures.units.${u}`) })),
              },
              { key: 'text', label: t('procedures.originalText'), type: 'text', wide: true },
            ]}
          />
        </section>

        <section className="card">
          <RowsEditor<Fee>
            legend={t('procedure.fees')}
            itemLabel={t('procedures.feeRow')}
            rows={draft.fees}
            onChange={(rows) => set('fees', rows)}
            errors={server}
            errorPrefix="fees"
            newRow={() => ({ description: '', amount_vnd: null, note: null })}
            columns={[
              { key: 'description', label: t('procedures.feeDescription'), type: 'text', wide: true },
              { key: 'amount_vnd', label: t('procedures.amountVnd'), type: 'number', min: 0, step: 1000 },
              { key: 'note', label: t('procedures.note'), type: 'text', wide: true },
            ]}
          />
        </section>

        <section className="card">
          <RowsEditor<ProcedureDocument>
            legend={t('procedure.documents')}
            itemLabel={t('procedures.documentRow')}
            rows={draft.documents}
            onChange={(rows) => set('documents', rows)}
            errors={server}
            errorPrefix="documents"
            newRow={() => ({
              name: '',
              originals: 1,
              copies: 0,
              mandatory: true,
              condition: null,
              group: null,
              template: null,
            })}
            columns={[
              { key: 'name', label: t('procedure.docName'), type: 'textarea', wide: true },
              { key: 'originals', label: t('procedure.originals'), type: 'number', min: 0 },
              { key: 'copies', label: t('procedure.copies'), type: 'number', min: 0 },
              { key: 'mandatory', label: t('procedure.mandatory'), type: 'checkbox' },
              { key: 'condition', label: t('procedures.condition'), type: 'text', wide: true },
              { key: 'group', label: t('procedures.group'), type: 'text' },
              { key: 'template', label: t('procedure.template'), type: 'text' },
            ]}
          />
        </section>

        <section className="card" aria-labelledby="text-title">
          <h2 id="text-title">{t('procedures.texts')}</h2>
          <div className="form-grid">
            <LinesField label={t('procedure.steps')} hint={t('procedures.oneLine')} value={draft.steps} onChange={(v) => set('steps', v)} rows={6} />
            <LinesField label={t('procedure.conditions')} hint={t('procedures.oneLine')} value={draft.conditions} onChange={(v) => set('conditions', v)} />
            <LinesField label={t('procedure.targetUsers')} hint={t('procedures.oneLine')} value={draft.target_users} onChange={(v) => set('target_users', v)} rows={2} />
          </div>
        </section>

        <section className="card">
          <RowsEditor<Result>
            legend={t('procedure.results')}
            itemLabel={t('procedures.resultRow')}
            rows={draft.results}
            onChange={(rows) => set('results', rows)}
            errors={server}
            errorPrefix="results"
            newRow={() => ({ name: '', code: null })}
            columns={[
              { key: 'name', label: t('procedures.resultName'), type: 'text', wide: true },
              { key: 'code', label: t('procedures.resultCode'), type: 'text' },
            ]}
          />
        </section>

        <section className="card">
          <RowsEditor<Legal>
            legend={t('procedure.legalBasis')}
            itemLabel={t('procedures.legalRow')}
            rows={draft.legal_basis}
            onChange={(rows) => set('legal_basis', rows)}
            errors={server}
            errorPrefix="legal_basis"
            newRow={() => ({ code: '', title: null })}
            columns={[
              { key: 'code', label: t('procedures.legalCode'), type: 'text' },
              { key: 'title', label: t('procedures.legalTitle'), type: 'text', wide: true },
            ]}
          />
        </section>
      </fieldset>

      {isAdmin && (
        <div className="form-actions sticky-actions">
          <BusyButton type="submit" busy={save.isPending} busyLabel={t('common.saving')}>
            {existing ? t('procedures.saveVersion') : t('procedures.create')}
          </BusyButton>
          {existing && (
            <BusyButton
              type="button"
              className="btn"
              busy={publish.isPending}
              onClick={() => publish.mutate({ code: existing.code, publish: !existing.is_published })}
            >
              {existing.is_published ? t('procedures.unpublish') : t('procedures.publish')}
            </BusyButton>
          )}
          <Link to="/console/procedures" className="btn">
            {t('common.back')}
          </Link>
        </div>
      )}
      <ErrorNotice error={publish.error} />
    </form>
  );
}

export default function ProcedureEditPage() {
  const { code } = useParams();
  const { t, i18n } = useTranslation();
  const query = useProcedure(code);

  if (!code) {
    return (
      <div className="page">
        <h1>{t('procedures.add')}</h1>
        <Editor initial={EMPTY} existing={null} />
      </div>
    );
  }
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <div className="page">
        <ErrorNotice
          error={query.error}
          onRetry={query.error instanceof ApiError && query.error.status === 404 ? undefined : () => void query.refetch()}
        />
        <Link to="/console/procedures">{t('common.back')}</Link>
      </div>
    );
  }
  const p = query.data;
  return (
    <div className="page">
      <nav className="breadcrumb" aria-label={t('common.breadcrumb')}>
        <Link to="/console/procedures">{t('procedures.title')}</Link> <span aria-hidden="true">›</span> {p.code}
      </nav>
      <div className="page-head">
        <h1>{localName(p, i18n.language)}</h1>
        <span className={`tag ${p.is_published ? 'tag-ok' : 'tag-off'}`}>
          {p.is_published ? t('procedures.published') : t('procedures.unpublished')}
        </span>
      </div>
      <p className="muted">
        {t('procedures.version')} {p.version}
        {p.is_published && (
          <>
            {' · '}
            <Link to={`/p/${encodeURIComponent(p.code)}`}>{t('procedures.view')}</Link>
          </>
        )}
      </p>
      <Editor key={p.code} initial={toDraft(p)} existing={p} />
      {p.versions.length > 0 && (
        <section className="section" aria-labelledby="versions-title">
          <h2 id="versions-title">{t('procedures.versions')}</h2>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('procedures.version')}</th>
                <th scope="col">{t('procedures.createdAt')}</th>
                <th scope="col">{t('procedures.createdBy')}</th>
              </tr>
            </thead>
            <tbody>
              {[...p.versions]
                .sort((a, b) => b.version - a.version)
                .map((v) => (
                  <tr key={v.version}>
                    <td>{v.version}</td>
                    <td>{formatDateTime(v.created_at)}</td>
                    <td>{v.created_by ?? '—'}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
