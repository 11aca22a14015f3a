import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box.service';

describe(SecretBox.name, () => {
  const sut = new SecretBox(Buffer.alloc(32, 7), 'test key');

  it('seals a text that opens again with the same key and context, and differs each time', () => {
    const a = sut.seal('{"client_secret":"s3cret"}', 'ctx');
    const b = sut.seal('{"client_secret":"s3cret"}', 'ctx');
    expect(a).toMatch(/^enc:v1:[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/); // 12-byte IV, 16-byte tag in base64url
    expect(a).not.toBe(b); // a fresh IV each time
    expect(a).not.toContain('s3cret');
    expect(sut.open(a, 'ctx')).toBe('{"client_secret":"s3cret"}');
  });

  it('refuses another key, another context and any altered byte', () => {
    const sealed = sut.seal('secret', 'ctx');
    expect(() => new SecretBox(randomBytes(32), 'other key').open(sealed, 'ctx', 'the value')).toThrow(
      'the value: cannot be decrypted with the secret key from other key',
    );
    expect(() => sut.open(sealed, 'another context')).toThrow(/cannot be decrypted/);
    const last = sealed.at(-1) === 'A' ? 'B' : 'A';
    expect(() => sut.open(sealed.slice(0, -1) + last, 'ctx')).toThrow(/cannot be decrypted/);
    expect(() => sut.open('{"plain":"json"}', 'ctx')).toThrow(/not an encrypted value/);
  });

  it('needs a 256-bit key', () => {
    expect(() => new SecretBox(Buffer.alloc(16), 'short')).toThrow('a secret key has 32 bytes, got 16');
  });
});
