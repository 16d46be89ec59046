import { runAction } from '../../action/run-action.js';
import { notifyAction } from './main.js';

await runAction(notifyAction);
