import { runAction } from '../../action/run-action.js';
import { stageAction } from './main.js';

await runAction(stageAction);
