import { ConnectorError } from '../connector.port';
import { MAX_RESPONSE_BYTES, sendRequest, type HttpTransport } from './http.transport';

describe(sendRequest.name, () => {
  const saved = process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
  afterEach(() => {
    if (saved === undefined) delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
    else process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = saved;
  });

  /** A transport whose fetch answers `answer` and records what it was asked. */
  function transportAnswering(answer: () => Response, maxResponseBytes?: number) {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const sut: HttpTransport = {
      fetch: async (url, init) => {
        calls.push({ url, init });
        return answer();
      },
      sleep: async () => undefined,
      now: () => 0,
      maxResponseBytes,
    };
    return { sut, calls };
  }

  async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
    const error = await promise.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }

  describe('redirects', () => {
    it('asks fetch not to follow them, and refuses a 3xx naming only the origin it points to', async () => {
      const { sut, calls } = transportAnswering(
        () => new Response('', { status: 302, headers: { Location: 'http://169.254.169.254/latest/meta-data/iam?x=1' } }),
      );
      const error = await failure(
        sendRequest(sut, { url: 'https://acme.my.salesforce.com/services/data/v59.0/query?q=SELECT' }, 'Salesforce'),
      );
      expect(calls[0].init.redirect).toBe('manual');
      expect(error.code).toBe('CRM_REDIRECT_REFUSED');
      expect(error.message).toBe(
        "Salesforce answered GET https://acme.my.salesforce.com/services/data/v59.0/query with a redirect (HTTP 302) to http://169.254.169.254; redirects are not followed: set the connection's URL to the address that answers directly",
      );
    });

    it('resolves a relative Location against the request', async () => {
      const { sut } = transportAnswering(() => new Response(null, { status: 307, headers: { Location: '/elsewhere' } }));
      const error = await failure(sendRequest(sut, { method: 'POST', url: 'https://api.hubapi.com/oauth/v1/token' }, 'HubSpot'));
      expect(error.message).toContain(
        'HubSpot answered POST https://api.hubapi.com/oauth/v1/token with a redirect (HTTP 307) to https://api.hubapi.com;',
      );
    });
  });

  describe('body size', () => {
    it('reads a body up to the cap', async () => {
      const { sut } = transportAnswering(() => new Response('{"a":"1234"}'), 12);
      expect((await sendRequest(sut, { url: 'https://api.hubapi.com/x' }, 'HubSpot')).body).toEqual({ a: '1234' });
    });

    it('stops reading a streamed body one byte over the cap', async () => {
      let pulled = 0;
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1;
          controller.enqueue(new Uint8Array(5).fill(65));
        },
      });
      const { sut } = transportAnswering(() => new Response(endless), 12);
      const error = await failure(
        sendRequest(sut, { url: 'https://org.crm4.dynamics.com/api/data/v9.2/systemusers?$select=x' }, 'Dataverse'),
      );
      expect(error.code).toBe('CRM_RESPONSE_TOO_LARGE');
      expect(error.message).toBe(
        'Dataverse at https://org.crm4.dynamics.com sent a response larger than 12 bytes; it was not read to its end',
      );
      // 5 + 5 + 5 = 15 > 12 after the third chunk: nothing more is pulled (a 4th pull may be queued ahead).
      expect(pulled).toBeLessThanOrEqual(4);
    });

    it('refuses at once a body whose Content-Length is over the cap, and caps at 50 MB by default', async () => {
      const { sut } = transportAnswering(() => new Response('x', { headers: { 'Content-Length': String(MAX_RESPONSE_BYTES + 1) } }));
      const error = await failure(sendRequest(sut, { url: 'https://acme.my.salesforce.com/x' }, 'Salesforce'));
      expect(MAX_RESPONSE_BYTES).toBe(52_428_800);
      expect(error.message).toBe(
        'Salesforce at https://acme.my.salesforce.com sent a response larger than 50 MB; it was not read to its end',
      );
    });
  });

  describe('private hosts', () => {
    it.each([
      ['http://127.0.0.1:8080/x', '127.0.0.1:8080'],
      ['http://localhost:3000/x', 'localhost:3000'],
      ['https://169.254.169.254/latest', '169.254.169.254'],
      ['https://[::ffff:127.0.0.1]/x', '[::ffff:7f00:1]'],
      ['https://[fd00::1]/x', '[fd00::1]'],
      ['https://0.0.0.0/x', '0.0.0.0'],
      ['https://10.0.0.5/x', '10.0.0.5'],
    ])('refuses %s without sending it', async (url, host) => {
      delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
      const { sut, calls } = transportAnswering(() => new Response('{}'));
      const error = await failure(sendRequest(sut, { url }, 'HubSpot'));
      expect(calls).toEqual([]);
      expect(error.code).toBe('CRM_HOST_PRIVATE');
      expect(error.message).toBe(
        `refused to connect to ${host}: a private, loopback or link-local address; set UPTAKE_ALLOW_PRIVATE_CRM_HOSTS=true to allow CRM hosts on the internal network`,
      );
    });

    it('sends to a private host when UPTAKE_ALLOW_PRIVATE_CRM_HOSTS is true', async () => {
      process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = 'true';
      const { sut, calls } = transportAnswering(() => new Response('{"ok":true}'));
      expect((await sendRequest(sut, { url: 'http://127.0.0.1:8080/x' }, 'HubSpot')).body).toEqual({ ok: true });
      expect(calls).toHaveLength(1);
    });
  });
});
