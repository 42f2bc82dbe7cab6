import { useLocation, useRoutes } from 'react-router';
import { PageErrorBoundary } from './components/PageErrorBoundary';
import { preloadScreens, routes } from './routes';

/** The screens of the current address; a screen that fails to load or render is replaced by an error page. */
export function AppRoutes() {
  const location = useLocation();
  preloadScreens(location.pathname);
  const element = useRoutes(routes, location);
  return (
    <PageErrorBoundary pathname={location.pathname}>
      {element}
    </PageErrorBoundary>
  );
}
