import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { Field } from '../../components/Field';
import { focusFirstInvalid } from '../../components/focus';
import { BusyButton } from '../../components/SubmitButton';
import { normalizeLookup, type DossierLookup } from './queries';

/** The full dossier code and the last 4 digits of the phone: a second factor, since codes are guessable. */
export function DossierLookupForm({
  initial,
  busy = false,
  onLookup,
}: {
  initial?: DossierLookup | null;
  busy?: boolean;
  onLookup: (lookup: DossierLookup) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState(initial?.code ?? '');
  const [last4, setLast4] = useState(initial?.phoneLast4 ?? '');
  const [errors, setErrors] = useState<{ code?: string; last4?: string }>({});

  return (
    <form
      className="lookup-form"
      noValidate
      aria-label={t('track.lookupTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        const lookup = normalizeLookup(code, last4);
        const next = {
          code: lookup.code ? undefined : t('track.codeRequired'),
          last4: /^\d{4}$/.test(lookup.phoneLast4) ? undefined : t('track.phoneInvalid'),
        };
        setErrors(next);
        if (next.code || next.last4) {
          focusFirstInvalid(e.currentTarget);
          return;
        }
        onLookup(lookup);
      }}
    >
      <Field label={t('track.codeLabel')} hint={t('track.codeHint')} error={errors.code} className="lookup-code">
        <input
          name="code"
          value={code}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          onChange={(e) => setCode(e.target.value)}
        />
      </Field>
      <Field label={t('track.phoneLabel')} error={errors.last4} className="lookup-phone">
        <input
          name="phone_last4"
          value={last4}
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          onChange={(e) => setLast4(e.target.value.replace(/\D/g, ''))}
        />
      </Field>
      <BusyButton type="submit" busy={busy} busyLabel={t('track.lookingUp')} className="btn btn-primary lookup-btn">
        {t('track.lookupSubmit')}
      </BusyButton>
    </form>
  );
}
