import { render } from 'preact';
import { createAdminPageState } from '../../src/admin/admin-state.ts';
import { AdminApp } from '../../src/admin/admin-app.tsx';
import { createRuntimeBackend } from '../../src/messaging/client.ts';
import '../../src/ui/theme.css';
import '../../src/reports/reports.css';
import '../../src/admin/admin.css';

render(<AdminApp state={createAdminPageState(createRuntimeBackend())} />, document.getElementById('app')!);
