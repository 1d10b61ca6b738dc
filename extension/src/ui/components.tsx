import type { ComponentChildren } from 'preact';
import type { Failure } from '../api/failure.ts';
import type { Tone } from './format.ts';

/** A state shown as colour *and* words, never colour alone. */
export function Pill({ tone, children, title }: { tone: Tone; children: ComponentChildren; title?: string }) {
  return (
    <span class={`pill pill-${tone}`} title={title}>
      <span class="pill-dot" aria-hidden="true" />
      {children}
    </span>
  );
}

export function UsageBar({ pct, tone, label }: { pct: number; tone: Tone; label: string }) {
  const clamped = Math.max(0, Math.min(100, pct));
  return (
    <div class="bar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} aria-valuetext={`${Math.round(pct)}% used`}>
      <div class={`bar-fill tone-${tone}`} style={{ width: `${clamped}%` }} />
    </div>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <span class="spinner" role="status">
      <span class="spinner-ring" aria-hidden="true" />
      <span class="visually-hidden">{label}</span>
    </span>
  );
}

const FAILURE_TITLES: Record<Failure['kind'], string> = {
  not_signed_in: 'Not signed in',
  unreachable: 'Server unreachable',
  revoked: 'Token not accepted',
  api: 'The server refused',
  internal: 'Something went wrong',
};

export function FailureNotice({ failure, action }: { failure: Failure; action?: ComponentChildren }) {
  return (
    <div class={`notice notice-${failure.kind === 'api' || failure.kind === 'internal' ? 'bad' : 'warn'}`} role="alert">
      <strong class="notice-title">{FAILURE_TITLES[failure.kind]}</strong>
      <p class="notice-body">{failure.message}</p>
      {action && <div class="notice-action">{action}</div>}
    </div>
  );
}

export function Section({ title, aside, children, id }: { title: string; aside?: ComponentChildren; children: ComponentChildren; id?: string }) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section id={id} class="section" aria-labelledby={headingId}>
      <header class="section-head">
        <h2 id={headingId} class="section-title">{title}</h2>
        {aside}
      </header>
      {children}
    </section>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
