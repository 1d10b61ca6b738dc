import { createHash, randomBytes } from 'node:crypto';

/** API tokens are random and long, so a plain SHA-256 is a sound stored form. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const mintToken = () => `sw_${randomBytes(24).toString('base64url')}`;
