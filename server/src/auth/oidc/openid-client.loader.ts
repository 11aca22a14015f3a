import { createRequire } from 'node:module';
import type * as OpenIdClient from 'openid-client/build/index';

export type OpenIdClientModule = typeof OpenIdClient;

let loaded: OpenIdClientModule | null = null;

/**
 * openid-client 6 is an ES module, which Node 20.19+ loads with require() (the compiled server is
 * CommonJS). Loaded on first use only, so a server without single sign-on never loads it. Jest's
 * module system cannot load it: the OIDC tests run the built server in its own process.
 */
export function openIdClient(): OpenIdClientModule {
  loaded ??= createRequire(__filename)('openid-client') as OpenIdClientModule;
  return loaded;
}
