import { browser } from '#imports';
import { render } from 'preact';
import { createRuntimeBackend } from '../../src/messaging/client.ts';
import { OptionsApp } from '../../src/options/options-app.tsx';
import { createOptionsState } from '../../src/options/options-state.ts';
import '../../src/ui/theme.css';
import '../../src/options/options.css';

const state = createOptionsState(createRuntimeBackend(), {
  request: (origins) => browser.permissions.request({ origins }),
  remove: (origins) => browser.permissions.remove({ origins }),
});
render(<OptionsApp state={state} />, document.getElementById('app')!);
