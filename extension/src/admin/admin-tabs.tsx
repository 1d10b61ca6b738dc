import type { Authority } from '@seatwise/shared';
import type { JSX } from 'preact';
import type { AdminPageState } from './admin-state.ts';
import { PoolsPanel } from './pools-panel.tsx';
import { OrgsPanel } from './orgs-panel.tsx';
import { RulesPanel } from './rules-panel.tsx';
import { AlertsPanel } from './alerts-panel.tsx';
import { TokensPanel } from './tokens-panel.tsx';

/** What every Administration panel gets: the page (backend, who is signed in, the revision to re-read on). */
export interface AdminPanelProps {
  page: AdminPageState;
}

export interface AdminTab {
  id: string;
  label: string;
  /** Authorities that see the tab; the server still decides every read and change. */
  for: readonly Authority[];
  Panel: (props: AdminPanelProps) => JSX.Element;
}

/**
 * The Administration page's tabs, in the order shown. Each tab is its own
 * file under src/admin/ (`<name>-panel.tsx` with its state beside it).
 */
export const ADMIN_TABS: readonly AdminTab[] = [
  { id: 'pools', label: 'Pools', for: ['system_admin', 'org_admin'], Panel: PoolsPanel },
  { id: 'orgs', label: 'Organizations', for: ['system_admin', 'org_admin'], Panel: OrgsPanel },
  { id: 'rules', label: 'Rules', for: ['system_admin', 'org_admin'], Panel: RulesPanel },
  { id: 'tokens', label: 'Tokens', for: ['system_admin', 'org_admin'], Panel: TokensPanel },
  { id: 'alerts', label: 'Alerts', for: ['system_admin', 'org_admin'], Panel: AlertsPanel },
];
