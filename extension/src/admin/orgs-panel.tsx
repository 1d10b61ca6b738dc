import { PRODUCT_LABELS, PRODUCTS, plural } from '@seatwise/shared/catalog';
import { Empty, FailureNotice, Pill, Section, Spinner } from '../ui/components.tsx';
import type { AdminPanelProps } from './admin-tabs.tsx';
import { usePanelState } from './use-panel-state.ts';
import { FlowView } from './license-effect.tsx';
import { createOrgsState, type OrgNode, type OrgsState } from './orgs-state.ts';
import './orgs-rules.css';

const productList = (products: readonly string[]) =>
  products.length ? PRODUCTS.filter((p) => products.includes(p)).map((p) => PRODUCT_LABELS[p]).join(' · ') : 'no product activated';

function TreeLevel({ nodes, state }: { nodes: OrgNode[]; state: OrgsState }) {
  return (
    <ul class="org-tree-level">
      {nodes.map(({ org, children }) => (
        <li key={org.id}>
          <button type="button" class="org-node" aria-current={state.selectedId.value === org.id ? 'true' : undefined} onClick={() => state.select(org.id)}>
            <span class="org-node-name">{org.name}</span>
            <span class="muted small">{productList(org.products)}</span>
          </button>
          {children.length > 0 && <TreeLevel nodes={children} state={state} />}
        </li>
      ))}
    </ul>
  );
}

/** "Activate weCLIMB", "Deactivate eLearn", "Activate weCLIMB, deactivate eLearn" for the apply button. */
function changeWords(before: readonly string[], after: readonly string[]): string {
  const on = PRODUCTS.filter((p) => after.includes(p) && !before.includes(p)).map((p) => PRODUCT_LABELS[p]);
  const off = PRODUCTS.filter((p) => before.includes(p) && !after.includes(p)).map((p) => PRODUCT_LABELS[p]);
  const words = [on.length ? `activate ${on.join(' and ')}` : null, off.length ? `deactivate ${off.join(' and ')}` : null].filter(Boolean).join(', ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function OrgEditor({ state }: { state: OrgsState }) {
  const org = state.selected.value;
  if (!org) return <Empty>Choose an organization.</Empty>;
  const step = state.flow.step.value;
  const busy = step === 'previewing' || step === 'applying' || step === 'following';
  const action = changeWords(org.products, state.draftProducts.value);
  return (
    <section class="org-editor card" aria-labelledby="org-editor-title">
      <h3 id="org-editor-title" class="org-editor-title">{org.name}</h3>
      <p class="muted small">{`Seatwise id ${org.id}`}</p>

      <fieldset class="admin-fieldset" disabled={busy}>
        <legend>Activated products</legend>
        <p class="muted small">Users homed here take a license only for activated products. Preview what a change does before applying it.</p>
        {PRODUCTS.map((p) => (
          <label key={p} class="check">
            <input type="checkbox" name="products" value={p} checked={state.draftProducts.value.includes(p)} onChange={(e) => state.toggleProduct(p, e.currentTarget.checked)} />
            {` ${PRODUCT_LABELS[p]}`}
          </label>
        ))}
        <div class="admin-actions">
          <button type="button" class="btn" disabled={!state.productsChanged.value || busy} onClick={() => void state.previewProducts()}>Preview license effect</button>
          {!state.productsChanged.value && <span class="muted small">Tick or untick a product to preview its effect.</span>}
        </div>
      </fieldset>
      <FlowView flow={state.flow} caption={`${action} for ${org.name}`} applyLabel={`${action} for ${org.name}`} onApplied={`${action} for ${org.name}`} />

      <form class="admin-form platform-id" onSubmit={(e) => { e.preventDefault(); void state.savePlatformId(); }}>
        <label>
          Platform id
          <span class="muted small">The host platform's id for this organization (its own numbering); blank clears it. Changes no license.</span>
          <input class="input" name="externalId" value={state.platformId.value} maxLength={64} onInput={(e) => state.editPlatformId(e.currentTarget.value)} />
        </label>
        <div class="admin-actions">
          <button type="submit" class="btn" disabled={state.savingPlatformId.value || state.platformId.value.trim() === (org.externalId ?? '')}>{state.savingPlatformId.value ? 'Saving…' : 'Save platform id'}</button>
          {state.platformIdSaved.value && <span role="status" class="small">Platform id saved.</span>}
        </div>
        {state.platformIdFailure.value && <FailureNotice failure={state.platformIdFailure.value} />}
      </form>
    </section>
  );
}

/** The Organizations tab: the tree in the caller's scope, and the organization chosen. */
export function OrgsPanel({ page }: AdminPanelProps) {
  const state = usePanelState(page, () => createOrgsState(page));
  const orgs = state.orgs.value;
  const count = orgs ? <Pill tone="muted">{plural(orgs.length, 'organization')}</Pill> : undefined;
  return (
    <Section title="Organizations" id="orgs" aside={count}>
      {state.failure.value && <FailureNotice failure={state.failure.value} />}
      {!orgs && !state.failure.value && <p class="loading-block"><Spinner label="Loading organizations" /> <span class="muted">Loading organizations…</span></p>}
      {orgs && orgs.length === 0 && <Empty>No organization in your scope yet. Organizations come from the platform's import or the API.</Empty>}
      {orgs && orgs.length > 0 && (
        <div class="orgs-layout">
          <nav class="org-tree card" aria-label="Organization tree">
            <TreeLevel nodes={state.tree.value} state={state} />
          </nav>
          <OrgEditor state={state} />
        </div>
      )}
    </Section>
  );
}
