import { createBrowserRouter, type RouteObject } from 'react-router';
import { Loading } from './components/Spinner';
import { NotFoundPage, RouteError } from './components/NotFound';
import { LoginPage } from './features/auth/LoginPage';
import { HomePage } from './features/public/HomePage';
import { LookupPage } from './features/public/LookupPage';
import { TrackPage } from './features/public/TrackPage';
import { ProcedurePage } from './features/public/ProcedurePage';
import { PublicLayout } from './features/public/PublicLayout';
import { RootLayout } from './RootLayout';

/** Lazily loaded route module with a default-exported component. */
const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteError />,
    HydrateFallback: Loading,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'linh-vuc/:id', element: <HomePage /> },
          { path: 'p/:code', element: <ProcedurePage /> },
          { path: 'd/:token', element: <TrackPage /> },
          { path: 'tra-cuu', element: <LookupPage /> },
          { path: 'login', element: <LoginPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: 'in/linh-vuc/:id', lazy: page(() => import('./features/public/SectorPosterPage')) },
      {
        path: 'console',
        lazy: page(() => import('./features/console/ConsoleLayout')),
        children: [
          { index: true, lazy: page(() => import('./features/console/ConsoleHome')) },
          { path: 'tiep-nhan', lazy: page(() => import('./features/dossiers/IntakePage')) },
          { path: 'ho-so', lazy: page(() => import('./features/dossiers/DossierListPage')) },
          { path: 'ho-so/:id', lazy: page(() => import('./features/dossiers/DossierDetailPage')) },
          { path: 'ho-so/:id/in/:form', lazy: page(() => import('./features/dossiers/PrintFormPage')) },
          { path: 'viec-cua-toi', lazy: page(() => import('./features/work/MyWorkPage')) },
          { path: 'hang-cho', lazy: page(() => import('./features/work/PoolPage')) },
          { path: 'dieu-hanh', lazy: page(() => import('./features/work/BoardPage')) },
          { path: 'dieu-hanh/can-bo/:id', lazy: page(() => import('./features/work/StaffWorkPage')) },
          { path: 'vang-mat', lazy: page(() => import('./features/work/AbsencesPage')) },
          { path: 'quy-trinh', lazy: page(() => import('./features/work/TemplatesPage')) },
          { path: 'quy-trinh/moi', lazy: page(() => import('./features/work/TemplateEditPage')) },
          { path: 'quy-trinh/:id', lazy: page(() => import('./features/work/TemplateEditPage')) },
          { path: 'thong-bao', lazy: page(() => import('./features/work/Notifications')) },
          { path: 'procedures', lazy: page(() => import('./features/procedures/ProceduresPage')) },
          { path: 'procedures/new', lazy: page(() => import('./features/procedures/ProcedureEditPage')) },
          { path: 'procedures/:code', lazy: page(() => import('./features/procedures/ProcedureEditPage')) },
          { path: 'calendar', lazy: page(() => import('./features/calendar/CalendarPage')) },
          { path: 'units', lazy: page(() => import('./features/units/UnitsPage')) },
          { path: 'staff', lazy: page(() => import('./features/staff/StaffPage')) },
          { path: 'account', lazy: page(() => import('./features/auth/AccountPage')) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
