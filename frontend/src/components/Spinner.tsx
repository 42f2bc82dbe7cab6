import { useTranslation } from '../i18n';

export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}

/** A block shown while data loads; announced to screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status">
      <Spinner />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}
