/**
 * The console's start: read the runtime settings, then mount the sign-in
 * provider of the mode they name, TanStack Query for everything the API
 * owns, antd in Chinese, and the router under /console/.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, matchRoutes, RouterProvider } from 'react-router-dom';
import { queryClient } from './api/query-client';
import { LocalAuthProvider } from './auth/LocalAuth';
import { Outcome } from './components/Outcome';
import { ToastProvider } from './components/Toast';
import { loadConfig, type RuntimeConfig } from './config';
import { routes } from './routes';
import './styles.css';

/**
 * A person who asked their system for less motion gets none of antd's (zooming dialogs, sliding dropdowns); the
 * browser tests ask for it too, so that their clicks never race an animation and two cores draw fewer frames.
 */
const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
const theme = { token: { colorPrimary: '#b8282e', borderRadius: 4, motion: !reducedMotion } };

function Frame({ children }: { children: ReactNode }) {
  return (
    <StrictMode>
      <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
        <ToastProvider>{children}</ToastProvider>
      </ConfigProvider>
    </StrictMode>
  );
}

/** Made once the sign-in provider is ready, so it starts from the address the login returned to. */
function Router() {
  const [router] = useState(() => createBrowserRouter(routes, { basename: '/console' }));
  return <RouterProvider router={router} />;
}

async function authProvider(config: RuntimeConfig): Promise<(props: { children: ReactNode }) => ReactNode> {
  if (config.mode === 'local') return LocalAuthProvider;
  const { CognitoAuthProvider } = await import('./auth/CognitoAuth');
  return ({ children }) => <CognitoAuthProvider config={config}>{children}</CognitoAuthProvider>;
}

// The first page's code starts downloading now, alongside the settings and the sign-in, not after them.
for (const match of matchRoutes(routes, window.location, '/console') ?? []) {
  if (typeof match.route.lazy === 'function') void match.route.lazy().catch(() => undefined);
}

const root = createRoot(document.getElementById('root')!);
try {
  const config = await loadConfig(import.meta.env.BASE_URL);
  const Auth = await authProvider(config);
  root.render(
    <Frame>
      <QueryClientProvider client={queryClient}>
        <Auth>
          <Router />
        </Auth>
      </QueryClientProvider>
    </Frame>,
  );
} catch (error) {
  root.render(
    <Frame>
      <Outcome kind="error" title="督查管理电子平台无法启动" detail={(error as Error).message} />
    </Frame>,
  );
}
