import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { fieldErrors } from '../../api/errors';
import { ROLES, type Role, type Staff, type StaffCreate, type StaffUpdate } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { BusyButton } from '../../components/SubmitButton';
import { localName } from '../../lib/format';
import { MIN_PASSWORD } from '../auth/password';
import { useDepartments, useSectors } from '../units/queries';
import { focusFirstInvalid } from '../../components/focus';
import { parseProcedureCodes, PROCEDURE_CODE } from '../procedures/procedureCodes';

interface Props {
  staff: Staff | null;
  busy: boolean;
  error: unknown;
  onCreate: (body: StaffCreate) => void;
  onUpdate: (body: StaffUpdate) => void;
  onCancel: () => void;
}

function toggle<T>(list: T[], value: T, on: boolean): T[] {
  return on ? (list.includes(value) ? list : [...list, value]) : list.filter((x) => x !== value);
}

const nullIfBlank = (s: string) => (s.trim() ? s.trim() : null);

export function StaffForm({ staff, busy, error, onCreate, onUpdate, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const departments = useDepartments();
  const sectors = useSectors();
  const [username, setUsername] = useState(staff?.username ?? '');
  const [fullName, setFullName] = useState(staff?.full_name ?? '');
  const [email, setEmail] = useState(staff?.email ?? '');
  const [phone, setPhone] = useState(staff?.phone ?? '');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(staff?.roles ?? []);
  const [sectorIds, setSectorIds] = useState<number[]>(staff?.sector_ids ?? []);
  const [departmentId, setDepartmentId] = useState<number | null>(staff?.department_id ?? null);
  const [procedureCodes, setProcedureCodes] = useState((staff?.procedure_codes ?? []).join('\n'));
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = fieldErrors(error);
  const err = (name: string) => local[name] ?? server[name];

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const errs: Record<string, string> = {};
        if (!fullName.trim()) errs.full_name = t('common.required');
        if (!staff && !username.trim()) errs.username = t('common.required');
        if (!staff && password.length < MIN_PASSWORD) errs.password = t('account.tooShort', { min: MIN_PASSWORD });
        if (roles.length === 0) errs.roles = t('staff.rolesRequired');
        const codes = parseProcedureCodes(procedureCodes);
        const bad = codes.filter((c) => !PROCEDURE_CODE.test(c));
        if (bad.length > 0) errs.procedure_codes = t('staff.procedureCodesInvalid', { codes: bad.join(', ') });
        setLocal(errs);
        if (Object.keys(errs).length) {
          focusFirstInvalid(e.currentTarget);
          return;
        }
        const common = {
          full_name: fullName.trim(),
          email: nullIfBlank(email),
          phone: nullIfBlank(phone),
          roles,
          sector_ids: sectorIds,
          procedure_codes: codes,
          department_id: departmentId,
        };
        if (staff) onUpdate(common);
        else onCreate({ ...common, username: username.trim(), password });
      }}
    >
      <ErrorNotice error={error} />
      <div className="form-grid">
        <Field label={t('staff.fullName')} error={err('full_name')}>
          <input value={fullName} onChange={(e) => setFullName(e.target.value)} autoComplete="off" />
        </Field>
        {staff ? (
          <div className="field">
            <span className="label">{t('staff.username')}</span>
            <span className="code">{staff.username}</span>
          </div>
        ) : (
          <Field label={t('staff.username')} error={err('username')}>
            <input
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
            />
          </Field>
        )}
        <Field label={t('staff.email')} error={err('email')}>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
        </Field>
        <Field label={t('staff.phone')} error={err('phone')}>
          <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" />
        </Field>
        {!staff && (
          <Field label={t('staff.password')} hint={t('account.tooShort', { min: MIN_PASSWORD })} error={err('password')}>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
          </Field>
        )}
        <Field label={t('staff.department')} error={err('department_id')}>
          <select
            value={departmentId ?? ''}
            onChange={(e) => setDepartmentId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">{t('staff.noDepartment')}</option>
            {departments.data
              ?.filter((d) => d.is_active || d.id === departmentId)
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
          </select>
        </Field>
      </div>

      <fieldset className="check-group" aria-describedby={err('roles') ? 'roles-error' : undefined}>
        <legend>{t('staff.roles')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="check">
            <input
              type="checkbox"
              checked={roles.includes(r)}
              onChange={(e) => setRoles(toggle(roles, r, e.target.checked))}
            />
            {t(`roles.${r}`)}
          </label>
        ))}
        {err('roles') && (
          <small id="roles-error" className="field-error">
            {err('roles')}
          </small>
        )}
      </fieldset>

      <fieldset className="check-group check-scroll">
        <legend>{t('staff.sectors')}</legend>
        {sectors.isPending && <span className="muted">{t('common.loading')}</span>}
        {sectors.data?.map((s) => (
          <label key={s.id} className="check">
            <input
              type="checkbox"
              checked={sectorIds.includes(s.id)}
              onChange={(e) => setSectorIds(toggle(sectorIds, s.id, e.target.checked))}
            />
            {localName(s, i18n.language)}
          </label>
        ))}
      </fieldset>

      <div className="form-grid">
        <Field
          label={t('staff.procedureCodes')}
          hint={t('staff.procedureCodesHint')}
          error={err('procedure_codes')}
          className="field-wide"
        >
          <textarea
            rows={2}
            value={procedureCodes}
            spellCheck={false}
            className="code"
            onChange={(e) => setProcedureCodes(e.target.value)}
          />
        </Field>
      </div>

      <div className="form-actions">
        <BusyButton type="submit" busy={busy} busyLabel={t('common.saving')}>
          {t('common.save')}
        </BusyButton>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
