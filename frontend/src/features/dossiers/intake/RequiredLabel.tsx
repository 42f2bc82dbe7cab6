import type { ReactNode } from 'react';
import { useTranslation } from '../../../i18n';

/** A label with the "required" star, spoken as "bắt buộc". */
export function RequiredLabel({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {children}
      <span className="req" aria-hidden="true">
        {' '}
        *
      </span>
      <span className="visually-hidden"> ({t('procedure.mandatory')})</span>
    </>
  );
}
