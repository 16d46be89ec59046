import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  createGitHub,
  loadRepoSettings
} from "./chunk-Q5EG6WYO.js";
import {
  requireRepository
} from "./chunk-NWAPPGED.js";
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunk-XFQLOPQ6.js";

// src/github/repo-run.ts
init_define_RELEASE_TRAIN_COMMANDS();
async function openRepoRun(ctx) {
  const repo = requireRepository(ctx.runner);
  const github = createGitHub(ctx.inputs["github-token"], { onRetry: ctx.log.info });
  const settings = await loadRepoSettings(github, repo);
  return { github, repo, settings, dryRun: ctx.inputs["dry-run"], ctx };
}

export {
  openRepoRun
};
