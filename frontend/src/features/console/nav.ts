import type { Role } from '../../api/types';

interface NavItem {
  to: string;
  label: string;
  roles?: Role[];
  end?: boolean;
}

/** Roles that work on dossiers; their default console page is the dossier list. */
export const DOSSIER_ROLES: Role[] = ['receptionist', 'specialist', 'leader'];

/** Console navigation; items with roles are shown to those roles only. */
export const NAV: NavItem[] = [
  // Receptionists, specialists and leaders land on the dossier list instead (see ConsoleHome).
  { to: '/console', label: 'nav.home', end: true, roles: ['admin'] },
  { to: '/console/tiep-nhan', label: 'nav.intake', roles: ['receptionist'] },
  { to: '/console/ho-so', label: 'nav.dossiers', roles: DOSSIER_ROLES },
  { to: '/console/procedures', label: 'nav.procedures' },
  { to: '/console/calendar', label: 'nav.calendar' },
  { to: '/console/units', label: 'nav.units' },
  { to: '/console/staff', label: 'nav.staff', roles: ['admin'] },
  { to: '/console/account', label: 'nav.account' },
];

