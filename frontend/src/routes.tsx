import { matchRoutes, type RouteObject } from 'react-router';
import { NotFoundPage } from './components/NotFound';
import { HomePage } from './features/public/HomePage';
import { LookupPage } from './features/public/LookupPage';
import { ProcedurePage } from './features/public/ProcedurePage';
import { PublicLayout } from './features/public/PublicLayout';
import { TrackPage } from './features/public/TrackPage';
import { lazyPage, type LazyPage } from './lazyPage';
import { RootLayout } from './RootLayout';

/*
 * The citizens' pages are part of the app's first load; everything else is loaded with its screen, so that
 * they carry none of the console's code or strings. The login page and the console bring the `console`
 * strings with them.
 */
const LoginPage = lazyPage(() => import('./features/auth/LoginPage'), 'console');
const SectorPosterPage = lazyPage(() => import('./features/public/SectorPosterPage'));
const ConsoleLayout = lazyPage(() => import('./features/console/ConsoleLayout'), 'console');
// One component for both addresses, so that a page saving a new item and going to its address stays mounted.
const TemplateEditPage = lazyPage(() => import('./features/work/TemplateEditPage'), 'console');
const ProcedureEditPage = lazyPage(() => import('./features/procedures/ProcedureEditPage'), 'console');

/** A route to a lazily loaded screen: its module starts loading as soon as the route matches. */
function screen(Page: LazyPage): Pick<RouteObject, 'element' | 'handle'> {
  return { element: <Page />, handle: { preload: Page.preload } };
}

function consoleScreen(load: () => Promise<{ default: React.ComponentType }>) {
  return screen(lazyPage(load, 'console'));
}

export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'linh-vuc/:id', element: <HomePage /> },
          { path: 'p/:code', element: <ProcedurePage /> },
          { path: 'd/:token', element: <TrackPage /> },
          { path: 'tra-cuu', element: <LookupPage /> },
          { path: 'login', ...screen(LoginPage) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: 'in/linh-vuc/:id', ...screen(SectorPosterPage) },
      {
        path: 'console',
        ...screen(ConsoleLayout),
        children: [
          { index: true, ...consoleScreen(() => import('./features/console/ConsoleHome')) },
          { path: 'tiep-nhan', ...consoleScreen(() => import('./features/dossiers/intake/IntakePage')) },
          { path: 'ho-so', ...consoleScreen(() => import('./features/dossiers/DossierListPage')) },
          { path: 'ho-so/:id', ...consoleScreen(() => import('./features/dossiers/detail/DossierDetailPage')) },
          { path: 'ho-so/:id/in/:form', ...consoleScreen(() => import('./features/dossiers/print/PrintFormPage')) },
          { path: 'viec-cua-toi', ...consoleScreen(() => import('./features/work/MyWorkPage')) },
          { path: 'hang-cho', ...consoleScreen(() => import('./features/work/PoolPage')) },
          { path: 'dieu-hanh', ...consoleScreen(() => import('./features/work/BoardPage')) },
          { path: 'dieu-hanh/can-bo/:id', ...consoleScreen(() => import('./features/work/StaffWorkPage')) },
          { path: 'vang-mat', ...consoleScreen(() => import('./features/work/AbsencesPage')) },
          { path: 'quy-trinh', ...consoleScreen(() => import('./features/work/TemplatesPage')) },
          { path: 'quy-trinh/moi', ...screen(TemplateEditPage) },
          { path: 'quy-trinh/:id', ...screen(TemplateEditPage) },
          { path: 'thong-bao', ...consoleScreen(() => import('./features/work/Notifications')) },
          { path: 'procedures', ...consoleScreen(() => import('./features/procedures/ProceduresPage')) },
          { path: 'procedures/new', ...screen(ProcedureEditPage) },
          { path: 'procedures/:code', ...screen(ProcedureEditPage) },
          { path: 'calendar', ...consoleScreen(() => import('./features/calendar/CalendarPage')) },
          { path: 'units', ...consoleScreen(() => import('./features/units/UnitsPage')) },
          { path: 'staff', ...consoleScreen(() => import('./features/staff/StaffPage')) },
          { path: 'account', ...consoleScreen(() => import('./features/auth/AccountPage')) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

/**
 * Starts loading every lazy screen a path shows (a console page and the console around it) at once, rather
 * than one after the other as they render.
 */
export function preloadScreens(pathname: string) {
  for (const match of matchRoutes(routes, pathname) ?? []) {
    const handle = match.route.handle as { preload?: () => Promise<unknown> } | undefined;
    void handle?.preload?.().catch(() => undefined);
  }
}
