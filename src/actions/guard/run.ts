import { runAction } from '../../action/run-action.js';
import { guardAction } from './main.js';

await runAction(guardAction);
