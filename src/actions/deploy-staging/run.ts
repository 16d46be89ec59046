import { runAction } from '../../action/run-action.js';
import { deployStagingAction } from './main.js';

await runAction(deployStagingAction);
