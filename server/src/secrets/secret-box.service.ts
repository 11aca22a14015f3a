import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { UptakeError } from '../common/error-codes';
import { SECRET_KEY_BYTES } from './secret-key.util';

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Authenticated encryption (AES-256-GCM) of small texts stored in the database. A sealed text is
 * `enc:v1:<iv>.<tag>.<ciphertext>` (base64url); `context` is bound as additional data, so a value
 * sealed for one purpose does not open for another.
 */
export class SecretBox {
  constructor(
    private readonly key: Buffer,
    /** Where the key came from, for error messages. */
    readonly source: string,
  ) {
    if (key.length !== SECRET_KEY_BYTES) throw new Error(`a secret key has ${SECRET_KEY_BYTES} bytes, got ${key.length}`);
  }

  static isSealed(text: string): boolean {
    return text.startsWith(PREFIX);
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
  }

  /** Throws SECRET_UNREADABLE when the text was sealed with another key or context, or was altered; `what` names it in the message. */
  open(sealed: string, context: string, what = context): string {
    if (!SecretBox.isSealed(sealed)) throw new UptakeError('SECRET_UNREADABLE', `${what}: not an encrypted value`);
    const parts = sealed.slice(PREFIX.length).split('.');
    try {
      if (parts.length !== 3) throw new Error('malformed');
      const [iv, tag, body] = parts.map((part) => Buffer.from(part, 'base64url'));
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('malformed');
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      throw new UptakeError(
        'SECRET_UNREADABLE',
        `${what}: cannot be decrypted with the secret key from ${this.source} (a different key, or the stored value was altered); ` +
          'restore the key the value was encrypted with (UPTAKE_SECRET_KEY or the key file), or enter the credentials again',
      );
    }
  }
}
