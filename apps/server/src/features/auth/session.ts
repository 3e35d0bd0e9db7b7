import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'toso_session';

/** A new session token for the cookie; only its hash is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
