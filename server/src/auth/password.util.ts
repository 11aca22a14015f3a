import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** A hash of a random password: checked when the email is unknown, so timing does not tell which emails have accounts. */
let dummyHash: Promise<string> | null = null;

/** argon2id with the library defaults (19 MiB, 2 passes, 1 lane: OWASP's minimum recommendation). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password, a missing hash (single sign-on only account) or a hash that is not argon2. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** 24 characters of base64url (144 bits): for generated first-admin and new-account passwords. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
