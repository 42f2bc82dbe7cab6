import { useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n';
import { fieldErrors } from '../../api/errors';
import { ASSIGNMENT_MODES, type AssignmentMode, type Department, type Sector, type Unit } from '../../api/types';
import { ErrorNotice, SuccessNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { Loading } from '../../components/Spinner';
import { BusyButton } from '../../components/SubmitButton';
import { formatDate } from '../../lib/format';
import { useIsAdmin } from '../auth/session';
import { useCurrentUnit, useDepartments, useSaveDepartment, useSaveSector, useSectors, useUpdateUnit } from './queries';
import { focusFirstInvalid } from '../../components/focus';

export const UNIT_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

function UnitForm({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const save = useUpdateUnit();
  const [name, setName] = useState(unit.name);
  const [code, setCode] = useState(unit.unit_code);
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = fieldErrors(save.error);
  const place = (p: { name: string; code: string | null }) => (p.code ? `${p.name} (${p.code})` : p.name);

  return (
    <section className="card" aria-labelledby="center-title">
      <h2 id="center-title">{t('units.center')}</h2>
      <dl className="meta-grid">
        <div>
          <dt>{t('units.commune')}</dt>
          <dd>{place(unit.commune)}</dd>
        </div>
        <div>
          <dt>{t('units.province')}</dt>
          <dd>{place(unit.province)}</dd>
        </div>
      </dl>
      {isAdmin ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const errs: Record<string, string> = {};
            if (!name.trim()) errs.name = t('common.required');
            if (!UNIT_CODE.test(code.trim())) errs.unit_code = t('units.codeInvalid');
            setLocal(errs);
            if (Object.keys(errs).length) {
              focusFirstInvalid(e.currentTarget);
              return;
            }
            save.mutate({ name: name.trim(), unit_code: code.trim() });
          }}
        >
          <ErrorNotice error={save.error} />
          {save.isSuccess && <SuccessNotice>{t('common.saved')}</SuccessNotice>}
          <div className="form-grid">
            <Field label={t('units.name')} error={local.name ?? server.name} className="field-wide">
              <input value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
            <Field label={t('units.unitCode')} hint={t('units.codeHint')} error={local.unit_code ?? server.unit_code}>
              <input
                value={code}
                onChange={(e) => setCode(e.target.value.toUpperCase())}
                spellCheck={false}
                autoCapitalize="characters"
                className="code"
              />
            </Field>
          </div>
          <BusyButton type="submit" busy={save.isPending} busyLabel={t('common.saving')}>
            {t('common.save')}
          </BusyButton>
        </form>
      ) : (
        <dl className="meta-grid">
          <div>
            <dt>{t('units.name')}</dt>
            <dd>{unit.name}</dd>
          </div>
          <div>
            <dt>{t('units.unitCode')}</dt>
            <dd className="code">{unit.unit_code}</dd>
          </div>
        </dl>
      )}

      <h3>{t('units.formerUnits')}</h3>
      {unit.former_units.length === 0 ? (
        <p className="muted">{t('units.noFormer')}</p>
      ) : (
        <table className="data-table stack-table">
          <caption className="visually-hidden">{t('units.formerUnits')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('units.formerName')}</th>
              <th scope="col">{t('units.formerCode')}</th>
              <th scope="col">{t('units.mergedOn')}</th>
            </tr>
          </thead>
          <tbody>
            {unit.former_units.map((f) => (
              <tr key={f.id}>
                <td data-label={t('units.formerName')}>{f.name}</td>
                <td data-label={t('units.formerCode')} className="code">
                  {f.code ?? '—'}
                </td>
                <td data-label={t('units.mergedOn')}>{formatDate(f.merged_on)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DepartmentDialog({ department, onClose }: { department: Department | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveDepartment();
  const [name, setName] = useState(department?.name ?? '');
  const [code, setCode] = useState(department?.code ?? '');
  const [active, setActive] = useState(department?.is_active ?? true);
  const [mode, setMode] = useState<AssignmentMode>(department?.assignment_mode ?? 'auto');
  const [missing, setMissing] = useState(false);
  const server = fieldErrors(save.error);
  return (
    <Modal title={department ? t('units.editDepartment') : t('units.addDepartment')} onClose={onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setMissing(!name.trim());
          if (!name.trim()) return;
          const body = { name: name.trim(), code: code.trim() || null, assignment_mode: mode };
          save.mutate(
            department ? { id: department.id, body: { ...body, is_active: active } } : { id: null, body },
            { onSuccess: onClose },
          );
        }}
      >
        <ErrorNotice error={save.error} />
        <Field label={t('units.departmentName')} error={missing ? t('common.required') : server.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t('units.code')} error={server.code}>
          <input value={code} onChange={(e) => setCode(e.target.value)} />
        </Field>
        <Field label={t('units.assignmentMode')} hint={t('units.assignmentModeHint')} error={server.assignment_mode}>
          <select value={mode} onChange={(e) => setMode(e.target.value as AssignmentMode)}>
            {ASSIGNMENT_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`modes.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        {department && (
          <label className="check">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
            {t('units.inUse')}
          </label>
        )}
        <div className="form-actions">
          <BusyButton type="submit" busy={save.isPending} busyLabel={t('common.saving')}>
            {t('common.save')}
          </BusyButton>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function SectorDialog({ sector, onClose }: { sector: Sector | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveSector();
  const [nameVi, setNameVi] = useState(sector?.name_vi ?? '');
  const [nameEn, setNameEn] = useState(sector?.name_en ?? '');
  const [code, setCode] = useState(sector?.code ?? '');
  const [missing, setMissing] = useState(false);
  const server = fieldErrors(save.error);
  return (
    <Modal title={sector ? t('units.editSector') : t('units.addSector')} onClose={onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setMissing(!nameVi.trim());
          if (!nameVi.trim()) return;
          const body = { name_vi: nameVi.trim(), name_en: nameEn.trim() || null, code: code.trim() || null };
          save.mutate(sector ? { id: sector.id, body } : { id: null, body }, { onSuccess: onClose });
        }}
      >
        <ErrorNotice error={save.error} />
        <Field label={t('procedures.nameVi')} error={missing ? t('common.required') : server.name_vi}>
          <input value={nameVi} onChange={(e) => setNameVi(e.target.value)} lang="vi" />
        </Field>
        <Field label={t('procedures.nameEn')} error={server.name_en}>
          <input value={nameEn} onChange={(e) => setNameEn(e.target.value)} lang="en" />
        </Field>
        <Field label={t('units.code')} error={server.code}>
          <input value={code} onChange={(e) => setCode(e.target.value)} />
        </Field>
        <div className="form-actions">
          <BusyButton type="submit" busy={save.isPending} busyLabel={t('common.saving')}>
            {t('common.save')}
          </BusyButton>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

type ListQuery<T> = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T[] | undefined;
  refetch: () => unknown;
};

/** A card listing items of the center (departments, sectors) that an admin can add to and edit. */
function EditableList<T extends { id: number }>(props: {
  id: string;
  title: string;
  addLabel: string;
  query: ListQuery<T>;
  label: (item: T) => string;
  inactive?: (item: T) => boolean;
  renderItem: (item: T) => ReactNode;
  renderDialog: (item: T | null, onClose: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const [dialog, setDialog] = useState<{ item: T | null } | null>(null);
  const { query } = props;
  return (
    <section className="card" aria-labelledby={props.id}>
      <div className="page-head">
        <h2 id={props.id}>{props.title}</h2>
        {isAdmin && (
          <button type="button" className="btn btn-small" onClick={() => setDialog({ item: null })}>
            + {props.addLabel}
          </button>
        )}
      </div>
      {query.isPending ? (
        <Loading />
      ) : query.isError || !query.data ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <p className="muted">{t('common.noResults')}</p>
      ) : (
        <ul className="item-list">
          {query.data.map((item) => (
            <li key={item.id} className={props.inactive?.(item) ? 'row-inactive' : undefined}>
              <span>{props.renderItem(item)}</span>
              {isAdmin && (
                <button type="button" className="btn btn-small" onClick={() => setDialog({ item })}>
                  {t('common.edit')}
                  <span className="visually-hidden"> {props.label(item)}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {dialog && props.renderDialog(dialog.item, () => setDialog(null))}
    </section>
  );
}

function Departments() {
  const { t } = useTranslation();
  return (
    <EditableList<Department>
      id="dept-title"
      title={t('units.departments')}
      addLabel={t('units.addDepartment')}
      query={useDepartments()}
      label={(d) => d.name}
      inactive={(d) => !d.is_active}
      renderItem={(d) => (
        <>
          {d.name}
          {d.code && <span className="muted code"> · {d.code}</span>}
          <span className="muted small">
            {' '}
            · {t('units.assignmentMode')}: {t(`modes.${d.assignment_mode}`)}
          </span>
          {!d.is_active && <span className="tag tag-off"> {t('units.notInUse')}</span>}
        </>
      )}
      renderDialog={(item, onClose) => <DepartmentDialog department={item} onClose={onClose} />}
    />
  );
}

function Sectors() {
  const { t } = useTranslation();
  return (
    <EditableList<Sector>
      id="sector-title"
      title={t('units.sectors')}
      addLabel={t('units.addSector')}
      query={useSectors()}
      label={(s) => s.name_vi}
      renderItem={(s) => (
        <>
          {s.name_vi}
          {s.name_en && (
            <span className="muted" lang="en">
              {' '}
              / {s.name_en}
            </span>
          )}
          {s.code && <span className="muted code"> · {s.code}</span>}
        </>
      )}
      renderDialog={(item, onClose) => <SectorDialog sector={item} onClose={onClose} />}
    />
  );
}

export default function UnitsPage() {
  const { t } = useTranslation();
  const unit = useCurrentUnit();
  return (
    <div className="page">
      <h1>{t('units.title')}</h1>
      {unit.isPending ? (
        <Loading />
      ) : unit.isError ? (
        <ErrorNotice error={unit.error} onRetry={() => void unit.refetch()} />
      ) : (
        <UnitForm key={unit.data.id} unit={unit.data} />
      )}
      <div className="two-col">
        <Departments />
        <Sectors />
      </div>
    </div>
  );
}
