import { PRODUCT_LABELS, ROLE_LABELS, ROLES, plural, type RuleEntitlement } from '@seatwise/shared/catalog';
import { FailureNotice, Section, Spinner } from '../ui/components.tsx';
import type { AdminPanelProps } from './admin-tabs.tsx';
import { usePanelState } from './use-panel-state.ts';
import { FlowView } from './license-effect.tsx';
import { createRulesState, ENTITLEMENTS } from './rules-state.ts';
import './orgs-rules.css';

const COLUMN: Record<RuleEntitlement, string> = { ...PRODUCT_LABELS, activated: 'Every activated product' };

/** The Rules tab: which roles entitle which products, edited by system administrators with the effect previewed before saving. */
export function RulesPanel({ page }: AdminPanelProps) {
  const state = usePanelState(page, () => createRulesState(page));
  const draft = state.draft.value;
  const saved = state.saved.value;
  const editable = state.editable.value;
  const step = state.flow.step.value;
  const busy = step === 'previewing' || step === 'applying' || step === 'following';
  const changed = state.changedRoles.value;
  const summary = `Change the rules of ${changed.map((r) => ROLE_LABELS[r]).join(', ')}`;
  return (
    <Section title="Role → product rules" id="rules">
      <p class="muted small">
        {editable
          ? 'A role entitles its holders to the products ticked; "Every activated product" follows what each user\'s organization activated. Preview the effect on licenses before saving.'
          : 'Only system administrators change the rules; this is what they say now.'}
      </p>
      {state.failure.value && <FailureNotice failure={state.failure.value} />}
      {!draft && !state.failure.value && <p class="loading-block"><Spinner label="Loading rules" /> <span class="muted">Loading rules…</span></p>}
      {draft && saved && (
        <>
          <div class="table-wrap card">
            <table class="table rules-table">
              <caption class="visually-hidden">Products each role entitles</caption>
              <thead>
                <tr><th scope="col">Role</th>{ENTITLEMENTS.map((e) => <th key={e} scope="col" class="center">{COLUMN[e]}</th>)}</tr>
              </thead>
              <tbody>
                {ROLES.map((role) => (
                  <tr key={role} data-role={role} class={changed.includes(role) ? 'changed' : undefined}>
                    <th scope="row">{ROLE_LABELS[role]}{changed.includes(role) && <span class="muted small"> (changed)</span>}</th>
                    {ENTITLEMENTS.map((e) => (
                      <td key={e} class="center">
                        <input
                          type="checkbox"
                          aria-label={`${ROLE_LABELS[role]}: ${COLUMN[e]}`}
                          checked={draft[role].includes(e)}
                          disabled={!editable || busy}
                          onChange={(ev) => state.toggle(role, e, ev.currentTarget.checked)}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {editable && (
            <div class="admin-actions">
              <button type="button" class="btn" disabled={!changed.length || busy} onClick={() => void state.preview()}>Preview license effect</button>
              <button type="button" class="btn btn-link" disabled={!changed.length || busy} onClick={state.discard}>Discard changes</button>
              <span class="muted small" role="status">{changed.length ? `${plural(changed.length, 'role')} changed, not saved.` : 'No change yet.'}</span>
            </div>
          )}
          <FlowView flow={state.flow} caption={summary} applyLabel="Save rules" onApplied="Rules saved" />
        </>
      )}
    </Section>
  );
}
