import { ARGON2_MAX_CONCURRENT, ARGON2_MAX_WAITING, hashPassword, verifyPassword } from './password.util';

describe(verifyPassword.name, () => {
  it('checks the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    await expect(verifyPassword(hash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'wrong')).resolves.toBe(false);
    await expect(verifyPassword(null, 'anything')).resolves.toBe(false);
  });

  it(`runs at most ${ARGON2_MAX_CONCURRENT} argon2 checks at once, lets ${ARGON2_MAX_WAITING} more wait, and refuses the rest with 429`, async () => {
    const hash = await hashPassword('correct horse battery staple');
    const total = ARGON2_MAX_CONCURRENT + ARGON2_MAX_WAITING + 3; // 4 + 16 + 3 = 23
    const results = await Promise.allSettled(Array.from({ length: total }, (_, n) => verifyPassword(hash, `guess ${n}`)));
    const refused = results.filter((result) => result.status === 'rejected');
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(20);
    expect(refused).toHaveLength(3);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'LOGIN_RATE_LIMITED', retryAfterSeconds: 1 });
    // Once the queue drained, checks run again.
    await expect(verifyPassword(hash, 'correct horse battery staple')).resolves.toBe(true);
  });
});
