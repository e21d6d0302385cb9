import { describe, expect, it } from 'vitest';
import { cognitoLogoutUrl, cognitoSettings } from '../src/auth/cognito-settings';

const config = {
  mode: 'cognito',
  userPoolId: 'ap-northeast-1_Pool',
  clientId: 'client123',
  domain: 'ducha.auth.ap-northeast-1.amazoncognito.com',
  region: 'ap-northeast-1',
} as const;
const origin = 'https://d111.cloudfront.net';

describe('Cognito managed login settings', () => {
  it('is authorization code (PKCE is oidc-client-ts’s default for code) against the user pool, back to the console', () => {
    const settings = cognitoSettings(config, origin);
    expect(settings).toMatchObject({
      authority: 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_Pool',
      client_id: 'client123',
      response_type: 'code',
      redirect_uri: 'https://d111.cloudfront.net/console/',
      post_logout_redirect_uri: 'https://d111.cloudfront.net/console/',
      revokeTokenTypes: ['refresh_token'],
    });
    expect(settings.scope?.split(' ')).toContain('openid');
    // A public client: no secret ever reaches the browser.
    expect(settings).not.toHaveProperty('client_secret');
  });

  it('renews with the refresh token, never through an iframe of Cognito’s pages', () => {
    const settings = cognitoSettings(config, origin);
    expect(settings.automaticSilentRenew).toBe(true);
    expect(settings.silent_redirect_uri).toBeUndefined();
  });

  it('logs out through Cognito’s own /logout with client_id and logout_uri', () => {
    const url = new URL(cognitoLogoutUrl(config, origin));
    expect(url.origin + url.pathname).toBe('https://ducha.auth.ap-northeast-1.amazoncognito.com/logout');
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: 'client123', logout_uri: 'https://d111.cloudfront.net/console/' });
    expect(cognitoSettings(config, origin).metadataSeed?.end_session_endpoint).toBe(url.toString());
  });
});
