import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './AppRoutes';
import { AuthFailureRedirect } from './AuthFailureRedirect';
import { i18nReady } from './i18n';
import { createQueryClient } from './queryClient';
import { preloadScreens } from './routes';

const queryClient = createQueryClient();
// A console address opened directly: its screens load while the strings of the chosen language arrive.
preloadScreens(window.location.pathname);

void i18nReady.then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        {/*
          No transitions: a screen still loading shows its spinner in place of the previous one, which is gone at
          once — left on display, the previous screen would go on reacting (e.g. a debounced search writing the
          address) and undo the navigation.
        */}
        <BrowserRouter useTransitions={false}>
          <AuthFailureRedirect queryClient={queryClient} />
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
});
