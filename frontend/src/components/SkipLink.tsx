import { useTranslation } from '../i18n';

/** The first thing a keyboard reaches on every page: straight to its main region. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('common.skip')}
    </a>
  );
}
