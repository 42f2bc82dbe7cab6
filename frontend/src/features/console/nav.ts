import type { Role } from '../../api/types';

interface NavItem {
  to: string;
  label: string;
  roles?: Role[];
  end?: boolean;
}

/** Console navigation; items with roles are shown to those roles only. */
export const NAV: NavItem[] = [
  { to: '/console', label: 'nav.home', end: true },
  { to: '/console/procedures', label: 'nav.procedures' },
  { to: '/console/calendar', label: 'nav.calendar' },
  { to: '/console/units', label: 'nav.units' },
  { to: '/console/staff', label: 'nav.staff', roles: ['admin'] },
  { to: '/console/account', label: 'nav.account' },
];

