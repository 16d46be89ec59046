import { runAction } from '../../action/run-action.js';
import { promoteAction } from './main.js';

await runAction(promoteAction);
