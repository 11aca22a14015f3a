import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { UptakeError } from '../common/error-codes';
import { Semaphore } from '../common/semaphore';

/** A hash of a random password: checked when the email is unknown, so timing does not tell which emails have accounts. */
let dummyHash: Promise<string> | null = null;

/** argon2 runs of this process at once (each takes 19 MiB and a core for tens of ms) ... */
export const ARGON2_MAX_CONCURRENT = 4;
/** ... and password checks that may wait for one; more are refused with 429 at once. */
export const ARGON2_MAX_WAITING = 16;
const argon2Slots = new Semaphore(ARGON2_MAX_CONCURRENT, ARGON2_MAX_WAITING);

const busy = () =>
  Object.assign(new UptakeError('LOGIN_RATE_LIMITED', 'the server is checking many passwords at once: try again in 1 s'), {
    retryAfterSeconds: 1,
  });

/** argon2id with the library defaults (19 MiB, 2 passes, 1 lane: OWASP's minimum recommendation). Waits for a free argon2 slot. */
export function hashPassword(password: string): Promise<string> {
  return argon2Slots.run(() => hash(password));
}

/**
 * False for a wrong password, a missing hash (single sign-on only account) or a hash that is not
 * argon2. Throws LOGIN_RATE_LIMITED when too many checks already wait for an argon2 slot.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const dummy = await dummyHash;
    await argon2Slots.run(() => verify(dummy, password).catch(() => false), busy);
    return false;
  }
  return argon2Slots.run(() => verify(passwordHash, password).catch(() => false), busy);
}

/** 24 characters of base64url (144 bits): for generated first-admin and new-account passwords. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
