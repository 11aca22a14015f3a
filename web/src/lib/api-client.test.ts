import { json, apiError, mockApi } from '@/testing/mock-api';
import { ApiError, api } from './api-client';

describe('api client', () => {
  afterEach(() => {
    document.cookie = 'uptake_csrf=; max-age=0';
  });

  it('echoes the CSRF cookie on unsafe requests only', async () => {
    document.cookie = 'uptake_csrf=abc%20123';
    const mock = mockApi({ 'POST /api/things': json({ ok: true }), 'GET /api/things': json([]) });
    await api.post('/api/things', { a: 1 });
    await api.get('/api/things');
    const [postInit, getInit] = mock.fetch.mock.calls.map((call) => call[1] as RequestInit);
    expect(postInit.headers).toMatchObject({ 'X-CSRF-Token': 'abc 123', 'Content-Type': 'application/json' });
    expect(getInit.headers).not.toHaveProperty('X-CSRF-Token');
  });

  it('turns the error body into an ApiError with code and details', async () => {
    mockApi({
      'PUT /api/plan': apiError(400, 'VALIDATION_FAILED', 'the plan is invalid', [{ path: 'plan.timezone', message: 'unknown' }]),
    });
    const error = await api.put('/api/plan', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'the plan is invalid',
      details: [{ path: 'plan.timezone', message: 'unknown' }],
    });
  });

  it('names the request when the API cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(api.get('/api/overview')).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: 'GET /api/overview: the Uptake API cannot be reached (Failed to fetch)',
    });
  });
});
