import { PRODUCT_LABELS, ROLE_LABELS, SKU_LABELS } from '@seatwise/shared/catalog';
import type { UserDetail } from '../api/types.ts';
import { Empty, FailureNotice, Pill, Spinner } from '../ui/components.tsx';
import { formatAgo, formatDate, type Tone } from '../ui/format.ts';
import type { LookupState } from './lookup-state.ts';

const LICENSE_TONES: Record<string, [Tone, string]> = { active: ['ok', 'Active'], grace: ['warn', 'In grace'], waiting: ['bad', 'Waiting for a seat'], suspended: ['bad', 'Suspended'] };

function UserCard({ detail }: { detail: UserDetail }) {
  const { user, access } = detail;
  return (
    <div class="user card" data-testid="lookup-result">
      <div class="user-head">
        <strong>{`${user.firstName} ${user.lastName}`}</strong>
        <span class="muted small">{user.email}</span>
        {user.status === 'archived' && <Pill tone="muted">Archived</Pill>}
      </div>
      <dl class="user-facts">
        <dt>Roles</dt>
        <dd data-field="roles">{user.roles.length ? user.roles.map((r) => ROLE_LABELS[r]).join(', ') : 'None'}</dd>
        <dt>Licenses</dt>
        <dd data-field="licenses">
          {user.licenses.length === 0 ? (
            'None'
          ) : (
            <ul class="plain">
              {user.licenses.map((l) => {
                const [tone, word] = LICENSE_TONES[l.state] ?? ['muted', l.state];
                return (
                  <li key={l.product}>
                    {PRODUCT_LABELS[l.product]} <Pill tone={tone}>{word}</Pill>
                    <span class="muted small">{l.poolId ? ` ${l.poolName ?? l.poolId}${l.sku ? ` (${SKU_LABELS[l.sku]})` : ''}` : ''} · since {formatDate(l.since)}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </dd>
        <dt>Last activity</dt>
        <dd data-field="last-activity">{user.lastActiveAt ? formatAgo(user.lastActiveAt) : 'Never seen'}</dd>
      </dl>
      <div class="diagnosis" aria-label="Access">
        {access.map((a) => (
          <div key={a.product} class="diagnosis-row" data-product={a.product}>
            <Pill tone={a.hasAccess ? 'ok' : 'bad'}>{`${PRODUCT_LABELS[a.product]}: ${a.hasAccess ? 'has access' : 'no access'}`}</Pill>
            <p class="small">{a.reason}</p>
            {a.fix && <p class="small muted">Fix: {a.fix}</p>}
          </div>
        ))}
      </div>
    </div>
  );
}

export function LookupBox({ state }: { state: LookupState }) {
  const { query, status, detail, failure, validation } = state;
  return (
    <div class="lookup">
      <form
        class="lookup-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void state.submit();
        }}
      >
        <label class="visually-hidden" for="lookup-email">User email</label>
        <input id="lookup-email" class="input" type="email" placeholder="user@district.org" autocomplete="off" value={query.value} onInput={(e) => (query.value = e.currentTarget.value)} aria-invalid={!!validation.value} aria-describedby="lookup-hint" />
        <button class="btn btn-primary" type="submit" disabled={status.value === 'loading'}>Look up</button>
      </form>
      <p id="lookup-hint" class={validation.value ? 'field-error' : 'visually-hidden'} aria-live="polite">{validation.value ?? 'Roles, licenses, last activity and why a user may lack access.'}</p>
      <div aria-live="polite">
        {status.value === 'loading' && <Spinner label="Looking up" />}
        {status.value === 'not_found' && <Empty>No user with that email in your organizations.</Empty>}
        {status.value === 'error' && failure.value && <FailureNotice failure={failure.value} />}
        {status.value === 'found' && detail.value && <UserCard detail={detail.value} />}
      </div>
    </div>
  );
}
