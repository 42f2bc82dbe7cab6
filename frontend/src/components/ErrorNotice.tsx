import { useTranslation } from '../i18n';
import { errorMessage, type MessageOptions } from '../api/errors';

export function ErrorNotice({
  error,
  onRetry,
  options,
}: {
  error: unknown;
  onRetry?: () => void;
  options?: MessageOptions;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <span>{errorMessage(error, t, options)}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function SuccessNotice({ children }: { children: React.ReactNode }) {
  return (
    <div className="notice notice-success" role="status">
      {children}
    </div>
  );
}
