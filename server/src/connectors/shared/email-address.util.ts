/**
 * Whether text is an email address as people are matched by (DESIGN.md "a person is one human
 * across connections"): one `@` with something before it, a domain with a dot after it, no spaces.
 * Deliberately loose (no RFC 5322 parsing): it tells an address from a name, an id or a typo like
 * `ann.example.com`, not a deliverable address from an undeliverable one.
 */
export function isEmailAddress(text: string): boolean {
  return text.length <= 255 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(text);
}
