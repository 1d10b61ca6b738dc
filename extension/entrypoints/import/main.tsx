import { render } from 'preact';
import { createImportPageState } from '../../src/import/import-state.ts';
import { ImportApp } from '../../src/import/import-app.tsx';
import { stageFile, unstageFile } from '../../src/import/staged-files.ts';
import { createRuntimeBackend } from '../../src/messaging/client.ts';
import '../../src/ui/theme.css';
import '../../src/reports/reports.css';
import '../../src/import/import.css';

const state = createImportPageState(createRuntimeBackend(), { stage: stageFile, unstage: unstageFile });
render(<ImportApp state={state} />, document.getElementById('app')!);
