import { signal } from '@preact/signals';
import { toFailure, type Failure } from '../api/failure.ts';
import type { AuditEntry, AuditVerify } from '../api/types.ts';
import type { Backend } from '../messaging/client.ts';
import type { ReportQuery } from '../messaging/protocol.ts';

/** The audit log with filters and "load more", plus the hash-chain check. */
export function createAuditState(backend: Backend) {
  const query = signal<ReportQuery>({ limit: '100' });
  const entries = signal<AuditEntry[]>([]);
  const nextCursor = signal<string | null>(null);
  const loading = signal(false);
  const failure = signal<Failure | null>(null);
  const verify = signal<AuditVerify | null>(null);
  const verifying = signal(false);
  const verifyFailure = signal<Failure | null>(null);

  async function load({ more = false } = {}) {
    loading.value = true;
    try {
      const page = await backend.request('audit.list', { query: more && nextCursor.value ? { ...query.value, cursor: nextCursor.value } : query.value });
      entries.value = more ? [...entries.value, ...page.entries] : page.entries;
      nextCursor.value = page.nextCursor;
      failure.value = null;
    } catch (error) {
      failure.value = toFailure(error);
    } finally {
      loading.value = false;
    }
  }

  function setFilter(key: string, value: string | undefined) {
    query.value = { ...query.value, [key]: value || undefined };
    void load();
  }

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
      return await backend.request('audit.csv', { query: query.value });
    } catch (error) {
      failure.value = toFailure(error);
      return null;
    }
  }

  return { query, entries, nextCursor, loading, failure, verify, verifying, verifyFailure, load, loadMore: () => load({ more: true }), setFilter, checkChain, csv };
}
export type AuditState = ReturnType<typeof createAuditState>;
