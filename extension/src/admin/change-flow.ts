import { signal } from '@preact/signals';
import type { Job } from '@seatwise/shared';
import { toFailure, type Failure } from '../api/failure.ts';
import type { LicenseEffect } from '../api/types.ts';
import type { Backend } from '../messaging/client.ts';

export type FlowStep = 'idle' | 'previewing' | 'previewed' | 'applying' | 'following' | 'applied';

/**
 * One change that licenses follow (an activation, a rule), made the way the
 * Administration page makes them: preview what it would do (the server runs
 * the change and rolls it back), then apply exactly that draft with a key of
 * its own, then follow the re-evaluation job until the licenses have followed.
 * Editing the draft after a preview drops the preview: what is applied is
 * always what was previewed.
 */
export function createChangeFlow<Draft>(
  backend: Backend,
  calls: {
    preview: (draft: Draft) => Promise<LicenseEffect>;
    apply: (draft: Draft, idempotencyKey: string) => Promise<{ jobId: string | null }>;
  },
  { pollMs = 400 } = {},
) {
  const step = signal<FlowStep>('idle');
  const effect = signal<LicenseEffect | null>(null);
  const failure = signal<Failure | null>(null);
  /** The re-evaluation job after an apply, as last read. */
  const job = signal<Job | null>(null);
  let previewed: Draft | null = null;
  /** One key per previewed draft: applying it again after a lost reply changes nothing twice. */
  let key = '';
  let asked = 0;

  function reset() {
    asked++;
    step.value = 'idle';
    effect.value = null;
    failure.value = null;
    job.value = null;
    previewed = null;
  }

  async function preview(draft: Draft) {
    const mine = ++asked;
    step.value = 'previewing';
    failure.value = null;
    effect.value = null;
    try {
      const answer = await calls.preview(draft);
      if (mine !== asked) return;
      effect.value = answer;
      previewed = draft;
      key = crypto.randomUUID();
      step.value = 'previewed';
    } catch (error) {
      if (mine !== asked) return;
      failure.value = toFailure(error);
      step.value = 'idle';
    }
  }

  async function apply() {
    if (step.value !== 'previewed' || previewed === null) return;
    const mine = ++asked;
    step.value = 'applying';
    failure.value = null;
    try {
      const { jobId } = await calls.apply(previewed, key);
      if (!jobId) return void (step.value = 'applied');
      step.value = 'following';
      for (;;) {
        const read = await backend.request('imports.job', { id: jobId, items: 'none' });
        if (mine !== asked) return;
        job.value = read;
        if (read.status === 'done') break;
        await new Promise((r) => setTimeout(r, pollMs));
      }
      step.value = 'applied';
    } catch (error) {
      if (mine !== asked) return;
      failure.value = toFailure(error);
      step.value = 'previewed';
    }
  }

  return { step, effect, failure, job, preview, apply, reset };
}

/** What a view of the flow reads and calls (the draft stays with the tab that made it). */
export type ChangeFlow = Omit<ReturnType<typeof createChangeFlow>, 'preview'>;
