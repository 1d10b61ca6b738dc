import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Spinner } from '../ui/components.tsx';
import { saveTextFile } from '../ui/save-file.ts';

export function Toolbar({ children, summary, loading, downloading, csv }: { children?: ComponentChildren; summary?: ComponentChildren; loading: boolean; downloading: boolean; csv: () => Promise<{ filename: string; text: string } | null> }) {
  return (
    <div class="toolbar">
      <div class="filters">{children}</div>
      <div class="toolbar-end">
        {loading && <Spinner label="Loading report" />}
        {summary && <span class="muted small">{summary}</span>}
        <button type="button" class="btn" disabled={downloading} onClick={async () => {
          const file = await csv();
          if (file) saveTextFile(file.filename, file.text);
        }}>
          {downloading ? 'Preparing…' : 'Download CSV'}
        </button>
      </div>
    </div>
  );
}

export function Filter({ id, label, children }: { id: string; label: string; children: ComponentChildren }) {
  return (
    <div class="field filter">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}

/**
 * A free-text filter applied on Enter or blur. What the admin is typing is the
 * input's own draft, so a re-render while a report loads never wipes it; it
 * follows the applied value only when that changes.
 */
export function TextFilter({ id, label, placeholder, value, onApply }: { id: string; label: string; placeholder?: string; value: string; onApply: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <Filter id={id} label={label}>
      <input id={id} class="input" placeholder={placeholder} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} onChange={(e) => onApply(e.currentTarget.value.trim())} />
    </Filter>
  );
}

/** `<input type=date>` value ↔ the ISO date-time the report filters take. */
export const dateToIso = (value: string, endOfDay = false) => (value ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : undefined);
export const isoToDate = (iso: string | undefined) => iso?.slice(0, 10) ?? '';
