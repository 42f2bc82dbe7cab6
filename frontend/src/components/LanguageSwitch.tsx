import { LANGUAGES, setLanguage, useTranslation, type Language } from '../i18n';

const LABELS: Record<Language, { short: string; long: string }> = {
  vi: { short: 'VI', long: 'Tiếng Việt' },
  en: { short: 'EN', long: 'English' },
};

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('common.language')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className="lang-btn"
          aria-pressed={i18n.language === lng}
          title={LABELS[lng].long}
          onClick={() => void setLanguage(lng)}
        >
          <span aria-hidden="true">{LABELS[lng].short}</span>
          <span className="visually-hidden">{LABELS[lng].long}</span>
        </button>
      ))}
    </div>
  );
}
