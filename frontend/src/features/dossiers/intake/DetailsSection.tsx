import { useId } from 'react';
import { useTranslation } from '../../../i18n';
import { CHANNELS, type Channel } from '../../../api/types';
import { Field } from '../../../components/Field';
import { FeeRows } from './FeeRows';
import { RequiredLabel } from './RequiredLabel';
import type { IntakeForm } from './useIntake';

/** Step 4: how it was submitted, the number of sets, the fees, how the result is delivered, a note. */
export function DetailsSection({ form }: { form: IntakeForm }) {
  const { t } = useTranslation();
  const awaitingHintId = useId();
  const { draft, change } = form;
  return (
    <section className="card" aria-labelledby="intake-other">
      <h2 id="intake-other" className="step-title">
        <span className="step-no">4</span> {t('intake.other')}
      </h2>
      <div className="form-grid">
        <Field label={t('dossier.channel')}>
          <select
            value={draft.channel}
            onChange={(e) => {
              const channel = e.target.value as Channel;
              // Only a submission made online or by post can wait for its reception.
              change(channel === 'in_person' ? { channel, awaitingReception: false } : { channel });
            }}
          >
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channels.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={<RequiredLabel>{t('dossier.sets')}</RequiredLabel>} error={form.error('sets_count')}>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={50}
            value={draft.sets_count}
            onChange={(e) => change({ sets_count: e.target.value })}
          />
        </Field>
      </div>
      {draft.channel !== 'in_person' && (
        <div className="field awaiting-choice">
          <label className="check">
            <input
              type="checkbox"
              checked={draft.awaitingReception}
              aria-describedby={awaitingHintId}
              onChange={(e) => form.setAwaitingReception(e.target.checked)}
            />
            <span>{t('intake.awaiting')}</span>
          </label>
          <small id={awaitingHintId} className="hint">
            {t('intake.awaitingHint')}
          </small>
        </div>
      )}

      <FeeRows fees={draft.fees} onChange={(fees) => change({ fees })} error={form.error} />

      <fieldset>
        <legend>{t('dossier.delivery')}</legend>
        <div className="check-group">
          {(['counter', 'post'] as const).map((v) => (
            <label key={v} className="check">
              <input
                type="radio"
                name="delivery"
                value={v}
                checked={draft.delivery === v}
                onChange={() =>
                  change({
                    delivery: v,
                    delivery_address:
                      v === 'post' && !draft.delivery_address ? draft.applicant.address : draft.delivery_address,
                  })
                }
              />
              {t(`delivery.${v}`)}
            </label>
          ))}
        </div>
        {draft.delivery === 'post' && (
          <Field label={<RequiredLabel>{t('dossier.deliveryAddress')}</RequiredLabel>} error={form.error('delivery_address')}>
            <input
              value={draft.delivery_address}
              maxLength={500}
              onChange={(e) => change({ delivery_address: e.target.value })}
            />
          </Field>
        )}
      </fieldset>
      <Field label={t('dossier.note')}>
        <textarea rows={2} maxLength={2000} value={draft.note} onChange={(e) => change({ note: e.target.value })} />
      </Field>
    </section>
  );
}
