/**
 * The OpenID Connect settings of Cognito's managed login for oidc-client-ts:
 * authorization code with PKCE (its default), the ID token sent to the API
 * (it carries `cognito:groups` and `custom:unitId`), renewal with the
 * refresh token (Cognito's pages refuse to be framed, so no iframe), and
 * Cognito's own logout URL (it has no standard end-session endpoint).
 */
import type { UserManagerSettings } from 'oidc-client-ts';
import type { RuntimeConfig } from '../config';

type CognitoConfig = Extract<RuntimeConfig, { mode: 'cognito' }>;

/** The console's own address, where Cognito sends people back after login and logout (the app client's callback and logout URL). */
export const consoleUrl = (origin: string) => `${origin}/console/`;

export function cognitoLogoutUrl(config: CognitoConfig, origin: string): string {
  const query = new URLSearchParams({ client_id: config.clientId, logout_uri: consoleUrl(origin) });
  return `https://${config.domain}/logout?${query}`;
}

export function cognitoSettings(config: CognitoConfig, origin: string): UserManagerSettings {
  return {
    authority: `https://cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`,
    client_id: config.clientId,
    redirect_uri: consoleUrl(origin),
    post_logout_redirect_uri: consoleUrl(origin),
    response_type: 'code',
    scope: 'openid email profile',
    // Renewed shortly before expiry with the refresh token (signinSilent uses it when the user has one).
    automaticSilentRenew: true,
    loadUserInfo: false,
    revokeTokenTypes: ['refresh_token'],
    metadataSeed: { end_session_endpoint: cognitoLogoutUrl(config, origin) },
  };
}
