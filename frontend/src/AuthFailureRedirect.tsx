import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { setAuthFailureHandler } from './api/client';

/** The one 401 handler: the session is gone, so forget cached data and go to the login page. */
export function AuthFailureRedirect({ queryClient }: { queryClient: QueryClient }) {
  const navigate = useNavigate();
  useEffect(() => {
    setAuthFailureHandler(() => {
      queryClient.clear();
      const { pathname, search } = window.location;
      if (pathname.startsWith('/login')) return;
      void navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
    });
  }, [navigate, queryClient]);
  return null;
}
