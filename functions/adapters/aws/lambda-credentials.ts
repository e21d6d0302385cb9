import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles
 * (an esbuild alias, see lib/ducha-function.ts). Lambda always hands a
 * function its role's credentials in environment variables, so the SDK's full
 * provider chain (SSO, profiles, web identity, container and instance
 * metadata, with the STS and SSO clients they carry) is dead weight there:
 * about 85 KB of every bundle and of every cold start. Locally the code is
 * not bundled and keeps the full chain.
 */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
