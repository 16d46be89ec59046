import { runAction } from '../../action/run-action.js';
import { maintenanceAction } from './main.js';

await runAction(maintenanceAction);
