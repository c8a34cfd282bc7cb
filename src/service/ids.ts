import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random id with a prefix: `a_3f2c…` (16 random bytes, hex, unless told). */
export function newId(prefix: string, bytes = 16): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function hmacBase64url(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

/** Compares two strings in constant time (for signatures). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
