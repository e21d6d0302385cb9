/**
 * The console's runtime settings, read from /console/config.json when it
 * starts, so one build runs anywhere: locally the local server answers
 * `{ "mode": "local" }` (sign in with the local token service); in AWS the
 * deployment writes the Cognito user pool's settings there.
 */
export type RuntimeConfig = { mode: 'local' } | { mode: 'cognito'; userPoolId: string; clientId: string; domain: string; region: string };

export class ConfigError extends Error {}

const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Checks what config.json holds; a wrong file is a deployment error, said plainly rather than a blank page. */
export function parseConfig(raw: unknown): RuntimeConfig {
  if (typeof raw !== 'object' || raw === null) throw new ConfigError('config.json 不是一个 JSON 对象');
  const value = raw as Record<string, unknown>;
  if (value.mode === 'local') return { mode: 'local' };
  if (value.mode === 'cognito') {
    const missing = ['userPoolId', 'clientId', 'domain', 'region'].filter((key) => !text(value[key]));
    if (missing.length > 0) throw new ConfigError(`config.json 缺少 Cognito 设置：${missing.join('、')}`);
    return {
      mode: 'cognito',
      userPoolId: String(value.userPoolId),
      clientId: String(value.clientId),
      // The managed login domain, with or without its scheme.
      domain: String(value.domain)
        .replace(/^https?:\/\//, '')
        .replace(/\/+$/, ''),
      region: String(value.region),
    };
  }
  throw new ConfigError(`config.json 的 mode 应为 local 或 cognito，而不是 ${JSON.stringify(value.mode)}`);
}

export async function loadConfig(base: string): Promise<RuntimeConfig> {
  let response: Response;
  try {
    response = await fetch(`${base}config.json`, { cache: 'no-store' });
  } catch {
    throw new ConfigError('无法读取控制台设置（config.json）：请检查网络连接');
  }
  if (!response.ok) throw new ConfigError(`无法读取控制台设置（config.json）：服务器返回 ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ConfigError('控制台设置（config.json）不是有效的 JSON');
  }
  return parseConfig(body);
}
