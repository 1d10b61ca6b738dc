import { signal } from '@preact/signals';
import { toFailure, type Failure } from '../api/failure.ts';
import type { AuditEntry, AuditPage, AuditVerify } from '../api/types.ts';
import type { Backend } from '../messaging/client.ts';
import { createPagedQuery } from './paged-query.ts';

/** The audit log with filters and "load more", plus the hash-chain check. */
export function createAuditState(backend: Backend) {
  const paged = createPagedQuery<AuditPage, AuditEntry>({ limit: '100' }, (query) => backend.request('audit.list', { query }), {
    rows: (page) => page.entries,
    nextCursor: (page) => page.nextCursor,
  });
  const verify = signal<AuditVerify | null>(null);
  const verifying = signal(false);
  const verifyFailure = signal<Failure | null>(null);

  async function checkChain() {
    verifying.value = true;
    verifyFailure.value = null;
    try {
      verify.value = await backend.request('audit.verify', {});
    } catch (error) {
      verifyFailure.value = toFailure(error);
    } finally {
      verifying.value = false;
    }
  }

  /** The whole filtered log as CSV from the server, not just the entries loaded so far. */
  async function csv() {
    try {
      return await backend.request('audit.csv', { query: paged.query.value });
    } catch (error) {
      paged.failure.value = toFailure(error);
      return null;
    }
  }

  return { ...paged, entries: paged.rows, verify, verifying, verifyFailure, checkChain, csv };
}
export type AuditState = ReturnType<typeof createAuditState>;
