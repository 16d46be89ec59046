import { runAction } from '../../action/run-action.js';
import { rollingDeployAction } from './main.js';

await runAction(rollingDeployAction);
