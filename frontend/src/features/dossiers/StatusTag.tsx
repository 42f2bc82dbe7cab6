import { useTranslation } from '../../i18n';
import type { DossierStatus } from '../../api/types';
import { localLabel } from '../../lib/format';

/** A dossier's status in the interface's language, coloured by what it means (see the status-N styles). */
export function StatusTag({ status }: { status: DossierStatus }) {
  const { i18n } = useTranslation();
  return <span className={`tag status-tag status-${status.code}`}>{localLabel(status, i18n.language)}</span>;
}
