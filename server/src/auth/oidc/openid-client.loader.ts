import { createRequire } from 'node:module';
import type * as OpenIdClient from 'openid-client/build/index';

export type OpenIdClientModule = typeof OpenIdClient;

let loaded: OpenIdClientModule | null = null;

/**
 * openid-client 6 is an ES module. Node 20.19+ loads it with require(); going through
 * createRequire uses Node's own loader, so the same code runs compiled and under jest.
 */
export function openIdClient(): OpenIdClientModule {
  loaded ??= createRequire(__filename)('openid-client') as OpenIdClientModule;
  return loaded;
}
