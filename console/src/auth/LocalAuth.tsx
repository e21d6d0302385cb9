/**
 * Local mode: a token from the local token service (the stand-in for
 * Cognito, only on one machine), kept in this browser's localStorage until
 * it expires or the person signs out.
 */
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { connectAuth } from '../api/client';
import { type Auth, AuthContext } from './AuthContext';
import { actingSession, type Session, sessionFromIdToken, sessionProblemMessages } from './session';
import { viewOffice } from '../api/office-view';
import { queryClient } from '../api/query-client';

export const LOCAL_TOKEN_KEY = 'ducha.local.idToken';

function storedSession(): { session: Session | null; problem?: string } {
  const token = localStorage.getItem(LOCAL_TOKEN_KEY);
  if (!token) return { session: null };
  const opened = sessionFromIdToken(token);
  if (typeof opened === 'string') {
    localStorage.removeItem(LOCAL_TOKEN_KEY);
    return { session: null, problem: sessionProblemMessages[opened] };
  }
  return { session: opened };
}

const signInPath = (next?: string) => `/console/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`;

export function LocalAuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState(storedSession);

  const signOut = useCallback(() => {
    localStorage.removeItem(LOCAL_TOKEN_KEY);
    viewOffice(undefined);
    // Nothing one person read may be shown to the next (another office's roster and ledger, above all).
    queryClient.clear();
    // The pages notice there is no session and go to the sign-in page.
    setState({ session: null });
  }, []);

  // Read at request time, and set during render: the first page's queries start before any effect of this provider runs.
  const current = useRef(state.session);
  current.current = state.session;
  useState(() =>
    connectAuth(
      () => current.current?.idToken,
      () => {
        localStorage.removeItem(LOCAL_TOKEN_KEY);
        current.current = null;
        setState({ session: null, problem: sessionProblemMessages.expired });
      },
    ),
  );

  const auth = useMemo<Auth>(
    () => ({
      mode: 'local',
      session: actingSession(state.session),
      problem: state.problem,
      signIn: (next) => window.location.assign(signInPath(next)),
      signOut,
      openSession: (idToken) => {
        const opened = sessionFromIdToken(idToken);
        if (typeof opened === 'string') return sessionProblemMessages[opened];
        localStorage.setItem(LOCAL_TOKEN_KEY, idToken);
        // A new person starts in their own office, whatever the last one was reading, with nothing of theirs cached.
        viewOffice(undefined);
        queryClient.clear();
        // At once: the next page's first request must already carry the token.
        current.current = opened;
        setState({ session: opened });
        return undefined;
      },
    }),
    [state, signOut],
  );
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}
