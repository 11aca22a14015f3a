/**
 * The fake CRMs listen on 127.0.0.1, which connectors refuse unless UPTAKE_ALLOW_PRIVATE_CRM_HOSTS
 * is true: a test file that talks to them calls this at its top (child processes it starts
 * inherit the variable). Refusals are tested in test/security/outbound-requests.e2e.spec.ts.
 */
export function allowPrivateCrmHosts(): void {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
    process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = 'true';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
    else process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = saved;
  });
}
