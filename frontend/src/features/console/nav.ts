import type { Role } from '../../api/types';

interface NavItem {
  to: string;
  label: string;
  roles?: Role[];
  end?: boolean;
}

/** Roles that work on dossiers. */
export const DOSSIER_ROLES: Role[] = ['receptionist', 'specialist', 'leader'];

/**
 * Where a signed-in person lands: administrators on the console home, specialists on their own work, the
 * counter and the leaders on the dossier list.
 */
export function homePath(roles: Role[]): string {
  if (roles.includes('admin')) return '/console';
  if (roles.includes('specialist')) return '/console/viec-cua-toi';
  if (roles.some((r) => DOSSIER_ROLES.includes(r))) return '/console/ho-so';
  return '/console';
}

/** Console navigation; items with roles are shown to those roles only. */
export const NAV: NavItem[] = [
  // Receptionists, specialists and leaders land on their work instead (see ConsoleHome).
  { to: '/console', label: 'nav.home', end: true, roles: ['admin'] },
  { to: '/console/viec-cua-toi', label: 'nav.myWork', roles: DOSSIER_ROLES },
  { to: '/console/tiep-nhan', label: 'nav.intake', roles: ['receptionist'] },
  { to: '/console/ho-so', label: 'nav.dossiers', roles: DOSSIER_ROLES },
  { to: '/console/hang-cho', label: 'nav.pool', roles: DOSSIER_ROLES },
  { to: '/console/dieu-hanh', label: 'nav.board', roles: ['leader'] },
  { to: '/console/vang-mat', label: 'nav.absences' },
  { to: '/console/quy-trinh', label: 'nav.templates' },
  { to: '/console/procedures', label: 'nav.procedures' },
  { to: '/console/calendar', label: 'nav.calendar' },
  { to: '/console/units', label: 'nav.units' },
  { to: '/console/staff', label: 'nav.staff', roles: ['admin'] },
  { to: '/console/thong-bao', label: 'nav.notifications' },
  { to: '/console/account', label: 'nav.account' },
];
