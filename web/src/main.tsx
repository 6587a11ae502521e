/** Entry point: i18n, the query client, the router and the reaction to a lost session. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createBrowserRouter } from 'react-router-dom';
import './i18n';
// Japanese text in every browser, also where the system has no Japanese font (headless, minimal Linux): Noto Sans JP
// from our own server in unicode-range subsets (only the characters a page shows are fetched), after the system fonts.
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import './styles.css';
import { isApiError, setSessionEvents } from './api/client';
import { routes } from './App';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a network hiccup may.
      retry: (failureCount, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      staleTime: 15_000,
    },
  },
});

const router = createBrowserRouter(routes);

setSessionEvents({
  onUnauthenticated: () => {
    const { pathname, search } = router.state.location;
    if (pathname === '/login') return;
    void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
  },
  onMfaEnrollmentRequired: () => {
    if (router.state.location.pathname === '/mfa/setup') return;
    void router.navigate('/mfa/setup', { replace: true });
  },
  onPasswordChangeRequired: () => {
    const { pathname, search } = router.state.location;
    if (pathname === '/account/password') return;
    void router.navigate(`/account/password?next=${encodeURIComponent(pathname + search)}`, { replace: true });
  },
});

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing in index.html');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
