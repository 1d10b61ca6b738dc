import { signal } from '@preact/signals';
import type { ComplianceReportRun } from '@seatwise/shared';
import { toFailure, type Failure } from '../api/failure.ts';
import type { Backend } from '../messaging/client.ts';

/** The stored scheduled compliance reports (system administrators): the list, and each report's HTML or CSV on request. */
export function createScheduledReportsState(backend: Backend) {
  const runs = signal<ComplianceReportRun[] | null>(null);
  const failure = signal<Failure | null>(null);

  async function load() {
    try {
      runs.value = (await backend.request('complianceReports.list', {})).reports;
      failure.value = null;
    } catch (error) {
      failure.value = toFailure(error);
    }
  }

  async function file(id: string, format: 'html' | 'csv') {
    try {
      return await backend.request('complianceReports.file', { id, format });
    } catch (error) {
      failure.value = toFailure(error);
      return null;
    }
  }

  return { runs, failure, load, file };
}
export type ScheduledReportsState = ReturnType<typeof createScheduledReportsState>;
