import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  promoteAction
} from "./chunks/chunk-UZDBJ4CP.js";
import "./chunks/chunk-DUPEL634.js";
import "./chunks/chunk-UESJ4F6C.js";
import "./chunks/chunk-Q5EG6WYO.js";
import "./chunks/chunk-HWTIFFZA.js";
import "./chunks/chunk-TCGWVG53.js";
import {
  runAction
} from "./chunks/chunk-OU4ZASUX.js";
import "./chunks/chunk-MQQPBGEG.js";
import "./chunks/chunk-NWAPPGED.js";
import "./chunks/chunk-TU6MUV7V.js";
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunks/chunk-XFQLOPQ6.js";

// src/actions/promote/run.ts
init_define_RELEASE_TRAIN_COMMANDS();
await runAction(promoteAction);
