/** Wording shared by the printed forms: official documents, always in Vietnamese. */
import { useMemo } from 'react';
import { getFixedT, type TFunction } from '../../../i18n';
import type { DossierRead, Unit } from '../../../api/types';
import { localDate } from '../../../lib/format';

/** Printed forms are official documents: always in Vietnamese, whatever the screen language. */
export function useFormT(): TFunction {
  return useMemo(() => getFixedT('vi'), []);
}

/** "Xã Vĩnh Hưng" → "Vĩnh Hưng", for the place before the date. */
export function placeName(unit: Unit): string {
  return unit.commune.name.replace(/^(xã|phường|thị trấn|đặc khu)\s+/i, '');
}

export function upper(text: string): string {
  return text.toLocaleUpperCase('vi');
}

/** "Vĩnh Hưng, ngày 28 tháng 11 năm 2026". */
export function placeAndDate(unit: Unit, at: string, t: TFunction): string {
  const [y, m, d] = localDate(at).split('-');
  return t('print.placeDate', { place: placeName(unit), day: d, month: m, year: y });
}

/** Where the result is handed over: at the center's counter, or by post to an address. */
export function deliveryText(dossier: DossierRead, unit: Unit, t: TFunction): string {
  if (dossier.delivery === 'post') {
    return t('print.deliveryPost', { address: dossier.delivery_address ?? dossier.applicant.address });
  }
  return t('print.deliveryCounter', { center: unit.name });
}
