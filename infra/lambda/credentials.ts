import { type FromEnvInit, fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for @aws-sdk/credential-provider-node inside the Lambda bundles
 * (infra/bundling.ts aliases it here). Lambda hands every function its role's
 * credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN, the first place the SDK's default chain looks, so on
 * Lambda the chain always ends there. The rest of the chain (SSO, web
 * identity, shared files, processes, the instance metadata service) can never
 * answer on Lambda, yet brings its own nested STS, SSO and sign-in clients:
 * about 110 KB of every bundle, parsed at every cold start for nothing. The
 * local platform and the operator's commands are not bundled and keep the
 * whole chain.
 */
export const defaultProvider = (init: FromEnvInit = {}) => fromEnv(init);
