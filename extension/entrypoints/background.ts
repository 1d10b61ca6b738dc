import { startBackground } from '../src/background/start.ts';

export default defineBackground({ type: 'module', main: startBackground });
