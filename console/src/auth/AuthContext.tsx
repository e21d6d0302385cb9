import { createContext, useContext } from 'react';
import type { Session } from './session';

export interface Auth {
  mode: 'local' | 'cognito';
  session: Session | null;
  /** Why the last token opened no session (expired, no role…), in Chinese. */
  problem?: string;
  /** Local: the sign-in page; Cognito: the managed login page. `next` is where to come back to. */
  signIn(next?: string): void;
  signOut(): void;
  /** Local mode only: open a session with a token from the local token service. */
  openSession?(idToken: string): string | undefined;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside an auth provider');
  return auth;
}

/** The signed-in session; only used below RoleGate, which guarantees one. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session');
  return session;
}
