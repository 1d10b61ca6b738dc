import { render } from 'preact';
import { createRuntimeBackend } from '../../src/messaging/client.ts';
import { PopupApp } from '../../src/popup/popup-app.tsx';
import { createPopupState } from '../../src/popup/popup-state.ts';
import '../../src/ui/theme.css';
import '../../src/popup/popup.css';

const state = createPopupState(createRuntimeBackend());
// Read by the end-to-end tests and the timing figures in the README.
Object.assign(globalThis, { __seatwise: { firstNumbers: state.firstNumbers } });
render(<PopupApp state={state} />, document.getElementById('app')!);
