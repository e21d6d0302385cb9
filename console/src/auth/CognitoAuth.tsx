/**
 * AWS mode: Cognito's managed login through oidc-client-ts /
 * react-oidc-context (code + PKCE). Loaded only when config.json says
 * cognito, so the local console never downloads it.
 */
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { AuthProvider, useAuth as useOidc } from 'react-oidc-context';
import { connectAuth } from '../api/client';
import type { RuntimeConfig } from '../config';
import { type Auth, AuthContext } from './AuthContext';
import { cognitoLogoutUrl, cognitoSettings } from './cognito-settings';
import { actingSession, sessionFromIdToken, sessionProblemMessages } from './session';
import { viewOffice } from '../api/office-view';

type CognitoConfig = Extract<RuntimeConfig, { mode: 'cognito' }>;

function CognitoBridge({ config, children }: { config: CognitoConfig; children: ReactNode }) {
  const oidc = useOidc();
  const idToken = oidc.user?.id_token;
  const opened = useMemo(() => (idToken ? sessionFromIdToken(idToken) : null), [idToken]);
  const session = opened && typeof opened !== 'string' ? opened : null;

  // As in local mode: read at request time, connected during the first render, before any page queries.
  const current = useRef({ session, oidc });
  current.current = { session, oidc };
  useState(() =>
    connectAuth(
      () => current.current.session?.idToken,
      () => void current.current.oidc.removeUser(),
    ),
  );

  const auth = useMemo<Auth>(
    () => ({
      mode: 'cognito',
      session: actingSession(session),
      problem: typeof opened === 'string' ? sessionProblemMessages[opened] : oidc.error ? `登录未成功：${oidc.error.message}` : undefined,
      signIn: (next) => void oidc.signinRedirect({ state: { next } }),
      signOut: () => {
        void (async () => {
          await oidc.revokeTokens(['refresh_token']).catch(() => undefined);
          await oidc.removeUser();
          viewOffice(undefined);
          window.location.assign(cognitoLogoutUrl(config, window.location.origin));
        })();
      },
    }),
    [session, opened, oidc, config],
  );

  if (oidc.isLoading || oidc.activeNavigator) return null;
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function CognitoAuthProvider({ config, children }: { config: CognitoConfig; children: ReactNode }) {
  const settings = useMemo(() => cognitoSettings(config, window.location.origin), [config]);
  return (
    <AuthProvider
      {...settings}
      onSigninCallback={(user) => {
        // Back to where the person was going, without the code and state in the address bar.
        const next = (user?.state as { next?: string } | undefined)?.next;
        window.history.replaceState({}, document.title, next ? `/console${next}` : window.location.pathname);
      }}
    >
      <CognitoBridge config={config}>{children}</CognitoBridge>
    </AuthProvider>
  );
}
