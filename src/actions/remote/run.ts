import { runAction } from '../../action/run-action.js';
import { remoteAction } from './main.js';

await runAction(remoteAction);
