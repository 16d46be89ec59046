import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunk-XFQLOPQ6.js";

// src/github/write-access.ts
init_define_RELEASE_TRAIN_COMMANDS();
var WriteAccess = class {
  constructor(github, repo) {
    this.github = github;
    this.repo = repo;
  }
  github;
  repo;
  answers = /* @__PURE__ */ new Map();
  has(login) {
    const key = login.toLowerCase();
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.ask(login);
      this.answers.set(key, answer);
    }
    return answer;
  }
  async ask(login) {
    if (login === "github-actions[bot]") return true;
    try {
      const { data } = await this.github.rest.repos.getCollaboratorPermissionLevel({
        ...this.repo,
        username: login
      });
      return data.permission === "admin" || data.permission === "write" || data.permission === "maintain";
    } catch (error) {
      if (error.status === 404) return false;
      throw error;
    }
  }
};

export {
  WriteAccess
};
