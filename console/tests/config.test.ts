import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config';

describe('the runtime settings (config.json)', () => {
  it('reads local mode and Cognito mode', () => {
    expect(parseConfig({ mode: 'local' })).toEqual({ mode: 'local' });
    expect(
      parseConfig({
        mode: 'cognito',
        userPoolId: 'ap-northeast-1_abc',
        clientId: 'c1',
        domain: 'https://ducha.auth.example.com/',
        region: 'ap-northeast-1',
      }),
    ).toEqual({
      mode: 'cognito',
      userPoolId: 'ap-northeast-1_abc',
      clientId: 'c1',
      domain: 'ducha.auth.example.com',
      region: 'ap-northeast-1',
    });
  });

  it('says in Chinese what a wrong file lacks', () => {
    expect(() => parseConfig({ mode: 'cognito', userPoolId: 'p', region: 'r' })).toThrow(
      new ConfigError('config.json 缺少 Cognito 设置：clientId、domain'),
    );
    expect(() => parseConfig({ mode: 'saml' })).toThrow(/mode 应为 local 或 cognito/);
    expect(() => parseConfig(null)).toThrow(ConfigError);
  });
});
