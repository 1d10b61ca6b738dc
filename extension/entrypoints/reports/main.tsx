import { render } from 'preact';
import { createRuntimeBackend } from '../../src/messaging/client.ts';
import { ReportsApp } from '../../src/reports/reports-app.tsx';
import { createReportsPageState } from '../../src/reports/reports-state.ts';
import { inactivityDaysItem } from '../../src/storage/items.ts';
import '../../src/ui/theme.css';
import '../../src/reports/reports.css';

const state = createReportsPageState(createRuntimeBackend(), { inactivityDays: await inactivityDaysItem.getValue() });
render(<ReportsApp state={state} />, document.getElementById('app')!);
