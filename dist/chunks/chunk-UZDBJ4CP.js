import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  WriteAccess
} from "./chunk-DUPEL634.js";
import {
  componentsOnStaging,
  shortSha
} from "./chunk-UESJ4F6C.js";
import {
  createGitHub,
  isSameRepo,
  linkedIssues,
  loadRepoSettings,
  moveToStage,
  resolveIssueLinks,
  stageOf
} from "./chunk-Q5EG6WYO.js";
import {
  sendNotification
} from "./chunk-HWTIFFZA.js";
import {
  ReleaseTrainError,
  blocks,
  booleanInput,
  bullets,
  code,
  details,
  external_exports,
  heading,
  isReleaseTrainError,
  mermaid,
  requireRepository,
  table
} from "./chunk-NWAPPGED.js";
import {
  __export,
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunk-XFQLOPQ6.js";

// src/actions/promote/main.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/core/plan-fingerprint.ts
init_define_RELEASE_TRAIN_COMMANDS();
import { createHash } from "node:crypto";
function planFingerprint(basis) {
  const labels = [...basis.labels.entries()].sort(([a], [b]) => a - b).map(([number, names]) => [number, [...names].map((name) => name.toLowerCase()).sort()]);
  const approvals = [...basis.approvals.entries()].sort(([a], [b]) => a - b);
  const digest = createHash("sha256").update(JSON.stringify([basis.defaultSha, basis.productionSha, basis.target ?? null, labels, approvals])).digest("hex");
  return `${(basis.target ?? "none").slice(0, 12)}-${digest.slice(0, 16)}`;
}
function fingerprintTarget(fingerprint) {
  const match = /^([0-9a-f]{12})-[0-9a-f]{16}$/.exec(fingerprint.trim());
  return match?.[1];
}

// src/actions/promote/announce.ts
init_define_RELEASE_TRAIN_COMMANDS();
function deployNotification(p, deploy2, moment, error) {
  const prs = deploy2.pullRequests.map((number) => `#${number}`).join(" ") || "none";
  const where = `${p.repo.owner}/${p.repo.repo}${p.component ? ` (${p.component})` : ""}`;
  const title = {
    started: `Production deploy ${deploy2.tag} of ${where} started`,
    succeeded: `Production deploy ${deploy2.tag} of ${where} finished`,
    failed: `Production deploy ${deploy2.tag} of ${where} failed${deploy2.failedAt ? ` at ${deploy2.failedAt}` : ""}`
  }[moment];
  const fields = [
    { title: "Tag", value: deploy2.tag },
    { title: "Commit", value: deploy2.deployed.slice(0, 7) },
    { title: "Pull requests", value: prs, short: false }
  ];
  if (deploy2.release) fields.push({ title: "Release", value: deploy2.release.url, short: false });
  const reason = error === void 0 ? "" : `${isReleaseTrainError(error) ? `[${error.reasonCode}] ` : ""}${error instanceof Error ? error.message : String(error)}`;
  return {
    status: moment,
    title,
    text: moment === "failed" ? reason : `Pull requests: ${prs}`,
    fields,
    ...p.runUrl ? { url: p.runUrl } : {}
  };
}
async function announce(p, webhookUrl, deploy2, moment, warn, error) {
  if (!webhookUrl) return false;
  try {
    await sendNotification(webhookUrl, deployNotification(p, deploy2, moment, error), { log: p.log });
    return true;
  } catch (failure) {
    warn(`The ${moment} notification was not delivered: ${failure.message}`);
    return false;
  }
}

// src/actions/promote/deploy.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/core/deploy-steps.ts
init_define_RELEASE_TRAIN_COMMANDS();
var DEPLOY_STEPS = [
  "move-production",
  "open-deployment",
  "changelog",
  "release",
  "labels",
  "close-deployment"
];
var STEP_TITLES = {
  "move-production": "Move production and create the tag (one atomic push)",
  "open-deployment": "Open the GitHub Deployment to production (in progress)",
  changelog: "Commit the CHANGELOG section on the default branch",
  release: "Publish the GitHub Release",
  labels: "Move the PRs and their issues to done",
  "close-deployment": "Mark the deployment successful"
};
function nothingDone() {
  return {
    "move-production": false,
    "open-deployment": false,
    changelog: false,
    release: false,
    labels: false,
    "close-deployment": false
  };
}
var DEPLOY_LEASE_MS = 15 * 6e4;
var DEPLOYMENT_GAP_MS = 1e4;
function mayBeOpening(tagMadeAt, now) {
  return tagMadeAt !== void 0 && now.getTime() - tagMadeAt.getTime() < DEPLOY_LEASE_MS;
}
function mayResume(deployment, here) {
  if (deployment?.state !== "in_progress") return true;
  if (here.runUrl && deployment.runUrl === here.runUrl) return true;
  const since = deployment.updatedAt ? Date.parse(deployment.updatedAt) : Number.NaN;
  return !Number.isFinite(since) || here.now.getTime() - since > DEPLOY_LEASE_MS;
}

// src/core/release-notes.ts
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/conventional-changelog-conventionalcommits/src/index.js
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/conventional-changelog-conventionalcommits/src/parser.js
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/@conventional-changelog/template/dist/index.js
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/@conventional-changelog/template/dist/elements.js
init_define_RELEASE_TRAIN_COMMANDS();
function toString(value) {
  return typeof value === "number" || value ? String(value) : "";
}
function each(array, callback, separator = newline()) {
  return array ? array.reduce((acc, item) => {
    const rendered = toString(callback(item)).trim();
    return `${acc}${acc && rendered ? separator : ""}${rendered}`;
  }, "") : "";
}
function heading2(level, text) {
  return `${"#".repeat(level)} ${text}`;
}
function link(text, url2) {
  return `[${text}](${url2})`;
}
function list(array, callback) {
  return each(array, (item) => {
    const rendered = toString(callback(item)).trim();
    const itemText = rendered.split(/\r?\n/).map((line, index) => index > 0 && line ? `  ${line}` : line).join("\n");
    return rendered ? `* ${itemText}` : "";
  });
}
function bold(text) {
  return `**${text}**`;
}
function small(text) {
  return `<small>${text}</small>`;
}
function newline(times = 1) {
  return "\n".repeat(times);
}
function strings(...values) {
  return each(values, (value) => value, "");
}
function segments(...values) {
  return each(values, (value) => value, newline(2));
}
function words(...values) {
  return each(values, (value) => value, " ");
}
function url(...parts) {
  return parts.reduce((acc, part) => {
    if (typeof part !== "number" && !part) {
      return acc;
    }
    const segment = String(part).replace(/^\/+|\/+$/g, "");
    return acc ? `${acc}/${segment}` : segment;
  }, "");
}

// node_modules/@conventional-changelog/template/dist/references.js
init_define_RELEASE_TRAIN_COMMANDS();
var protectedSegments = [
  /\[(?:[^[\]]|\[[^[\]]*])*]\((?:[^()\n]|\([^()\n]*\))*\)/,
  // [text](url)
  /\[[^\]]*]\[[^\]]*]/,
  // [text][ref]
  // the lookahead makes the delimiter length atomic, without it a long run
  // of backticks makes the regex engine retry every possible delimiter length
  /^[ \t]*(?=(?<fence>`{3,}|~{3,}))\k<fence>[\s\S]*?^[ \t]*\k<fence>[ \t]*\r?$/,
  // ```code block```
  /(?=(?<code>`+))\k<code>[^\n]*?\k<code>/,
  // `code span`
  /https?:\/\/(?:[^\s()]|\([^\s()]*\))+/
  // https://url
];
var userMention = /\B@(?<user>[a-z0-9](?:-?[a-z0-9/]){0,38})/;
var defaultIssuePattern = /[a-z0-9]+/;
function escapeRegExp(string) {
  return string.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function referencesRegex(issuePrefixes = [], issuePattern = defaultIssuePattern) {
  const prefixes = issuePrefixes.map((prefix) => typeof prefix === "string" ? escapeRegExp(prefix) : prefix.source).join("|");
  const patterns = [
    ...protectedSegments.map((segment) => segment.source),
    // without prefixes every word would be matched as an issue reference
    prefixes && `(?<prefix>${prefixes})(?<issue>${issuePattern.source})`,
    userMention.source
  ];
  return new RegExp(patterns.filter(Boolean).join("|"), "gm");
}
function createReferencesFormatter(options) {
  const regex = referencesRegex(options.issuePrefixes, options.issuePattern);
  return (text, context, references) => text.replace(regex, (match, ...args) => {
    const { prefix, issue, user } = args.at(-1);
    if (issue) {
      const issueUrl = options.formatIssueUrl(context, {
        prefix,
        issue
      });
      if (!issueUrl) {
        return match;
      }
      references?.push(match);
      return link(match, issueUrl);
    }
    if (user) {
      if (user.includes("/")) {
        return match;
      }
      const userUrl = options.formatUserUrl(context, user);
      if (!userUrl) {
        return match;
      }
      return link(match, userUrl);
    }
    return match;
  });
}

// node_modules/@conventional-changelog/template/dist/templates.js
init_define_RELEASE_TRAIN_COMMANDS();
function repositoryUrl(context) {
  if (context.repository) {
    return url(context.host, context.owner, context.repository);
  }
  return context.repoUrl || "";
}
function referenceRepositoryUrl(context, reference2) {
  if (!context.repository) {
    return context.repoUrl || "";
  }
  if (reference2.repository) {
    return url(context.host, reference2.owner, reference2.repository);
  }
  return url(context.host, context.owner, context.repository);
}
function compareUrl(context) {
  const previousTag = encodeURIComponent(context.previousTag || "");
  const currentTag = encodeURIComponent(context.currentTag || "");
  return url(repositoryUrl(context), context.compare || "compare", `${previousTag}...${currentTag}`);
}
var BREAKING_CHANGE_KEYWORDS = ["BREAKING CHANGE", "BREAKING-CHANGE"];
var BREAKING_CHANGES_TITLE = "BREAKING CHANGES";
function noteTitle(title) {
  const upperCaseTitle = title.toUpperCase();
  return BREAKING_CHANGE_KEYWORDS.includes(upperCaseTitle) ? BREAKING_CHANGES_TITLE : upperCaseTitle;
}
function isBreakingNote(note) {
  return noteTitle(note.title) === BREAKING_CHANGES_TITLE;
}
function reference(reference2) {
  return strings(reference2.owner && `${reference2.owner}/`, reference2.repository, reference2.issue && `${reference2.prefix || "#"}${reference2.issue}`);
}
function headerPartial({ isPatch, title, version, date }) {
  const versionText = words(version, title && `"${title}"`, date && `(${date})`);
  return heading2(2, isPatch ? small(versionText) : versionText);
}
function preamblePartial({ preamble: preamble2 }) {
  return strings(preamble2);
}
function footerPartial({ noteGroups }) {
  return each(noteGroups, (group) => segments(heading2(3, group.title), list(group.notes, (note) => note.text)), newline(2));
}
function commitPartial(context, commit) {
  const { linkReferences, issue, commit: commitUrlPath } = context;
  const { hash, references, header } = commit;
  const commitLink = hash ? linkReferences ? `(${link(hash, url(repositoryUrl(context), commitUrlPath, hash))})` : hash : "";
  const renderedReferences = each(references, (linkReference) => {
    if (linkReferences) {
      return link(reference(linkReference), url(referenceRepositoryUrl(context, linkReference), issue, linkReference.issue));
    }
    return reference(linkReference);
  }, " ");
  return strings(words(header, commitLink), renderedReferences && `, closes ${renderedReferences}`);
}
function template(context) {
  const { headerPartial: headerPartial3, preamblePartial: preamblePartial3, commitPartial: commitPartial3, footerPartial: footerPartial3, commitGroups } = context;
  return segments(headerPartial3(context), preamblePartial3(context), each(commitGroups, (group) => list(group.commits, (commit) => commitPartial3(context, commit))), footerPartial3(context));
}

// node_modules/@conventional-changelog/template/dist/legacy.js
init_define_RELEASE_TRAIN_COMMANDS();
function createLegacyWriterGuard(preset2) {
  return {
    mainTemplate: `{{[${preset2} requires conventional-changelog-writer@9 or newer (conventional-changelog@8 or newer). Your changelog tooling loaded an older writer which cannot render this preset. Update the tooling or use an older major version of the preset.] true}}`
  };
}

// node_modules/conventional-changelog-conventionalcommits/src/constants.js
init_define_RELEASE_TRAIN_COMMANDS();
var BREAKING_HEADER_PATTERN = /^(\w*)(?:\((.*)\))?!: (.*)$/;
var DEFAULT_COMMIT_TYPES = Object.freeze([
  {
    type: "feat",
    section: "Features",
    effect: "bump"
  },
  {
    type: "feature",
    section: "Features",
    effect: "bump"
  },
  {
    type: "fix",
    section: "Bug Fixes",
    effect: "bump"
  },
  {
    type: "perf",
    section: "Performance Improvements",
    effect: "bump"
  },
  {
    type: "revert",
    section: "Reverts",
    effect: "bump"
  },
  {
    type: "docs",
    section: "Documentation",
    effect: "hidden"
  },
  {
    type: "style",
    section: "Styles",
    effect: "hidden"
  },
  {
    type: "chore",
    section: "Miscellaneous Chores",
    effect: "hidden"
  },
  {
    type: "refactor",
    section: "Code Refactoring",
    effect: "hidden"
  },
  {
    type: "test",
    section: "Tests",
    effect: "hidden"
  },
  {
    type: "build",
    section: "Build System",
    effect: "hidden"
  },
  {
    type: "ci",
    section: "Continuous Integration",
    effect: "hidden"
  }
].map(Object.freeze));

// node_modules/conventional-changelog-conventionalcommits/src/parser.js
function createParserOpts(config) {
  return {
    headerPattern: /^(\w*)(?:\((.*)\))?!?: (.*)$/,
    breakingHeaderPattern: BREAKING_HEADER_PATTERN,
    headerCorrespondence: [
      "type",
      "scope",
      "subject"
    ],
    noteKeywords: BREAKING_CHANGE_KEYWORDS,
    revertPattern: /^(?:Revert|revert:)\s"?([\s\S]+?)"?\s*This reverts commit (\w*)\./i,
    revertCorrespondence: ["header", "hash"],
    issuePrefixes: config?.issuePrefixes || ["#"]
  };
}

// node_modules/conventional-changelog-conventionalcommits/src/writer.js
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/conventional-changelog-conventionalcommits/src/utils.js
init_define_RELEASE_TRAIN_COMMANDS();
function getNotes(commit) {
  if (commit.notes.some(isBreakingNote) || !BREAKING_HEADER_PATTERN.test(commit.header || "")) {
    return commit.notes;
  }
  return [
    {
      title: BREAKING_CHANGE_KEYWORDS[0],
      text: commit.subject || ""
    },
    ...commit.notes
  ];
}
function hasIntersection(a, b) {
  if (!a || !b) {
    return false;
  }
  let listA = a;
  let listB = b;
  if (!Array.isArray(listA)) {
    listA = [listA];
  }
  if (!Array.isArray(listB)) {
    listB = [listB];
  }
  return listA.some((item) => listB.includes(item));
}
function matchScope(config = {}, commit) {
  const {
    scope: targetScope,
    scopeOnly = false
  } = config;
  const includesScope = hasIntersection(
    commit.scope?.split(","),
    targetScope
  );
  return !targetScope || scopeOnly && includesScope || !scopeOnly && (!commit.scope || includesScope);
}
function findTypeEntry(types, commit) {
  const typeKey = (commit.revert ? "revert" : commit.type || "").toLowerCase();
  return types.find((entry) => {
    if (entry.type !== typeKey) {
      return false;
    }
    if (entry.scope && entry.scope !== commit.scope) {
      return false;
    }
    return true;
  });
}
function isTypeEffect(type, effect) {
  return (type.effect || "bump") === effect;
}

// node_modules/conventional-changelog-conventionalcommits/src/templates.js
init_define_RELEASE_TRAIN_COMMANDS();
function headerPartial2(context) {
  const {
    linkCompare,
    version,
    title,
    date
  } = context;
  const versionText = linkCompare ? link(version, this.formatCompareUrl(context)) : version;
  return heading2(
    2,
    words(
      versionText,
      title && `"${title}"`,
      date && `(${date})`
    )
  );
}
function preamblePartial2(context) {
  return strings(context.preamble);
}
function renderReferences(context, references, filter) {
  return each(
    references?.filter(filter),
    (commitReference) => {
      if (context.linkReferences) {
        return link(
          reference(commitReference),
          this.formatIssueUrl(context, commitReference)
        );
      }
      return reference(commitReference);
    },
    " "
  );
}
function commitPartial2(context, commit) {
  const { linkReferences } = context;
  const {
    scope,
    subject,
    header,
    shortHash,
    hash,
    references
  } = commit;
  const commitLink = hash ? linkReferences ? `(${link(shortHash, this.formatCommitUrl(context, commit))})` : shortHash : "";
  const closingReferences = renderReferences.call(
    this,
    context,
    references,
    (commitReference) => commitReference.action
  );
  const otherReferences = renderReferences.call(
    this,
    context,
    references,
    (commitReference) => !commitReference.action
  );
  return strings(
    words(
      scope && bold(`${scope}:`),
      subject || header || "",
      commitLink
    ),
    closingReferences && `, closes ${closingReferences}`,
    otherReferences && `, references ${otherReferences}`
  );
}
function footerPartial2() {
  return "";
}
function template2(context) {
  const {
    headerPartial: headerPartial3,
    preamblePartial: preamblePartial3,
    commitPartial: commitPartial3,
    footerPartial: footerPartial3,
    noteGroups,
    commitGroups
  } = context;
  return segments(
    headerPartial3(context),
    preamblePartial3(context),
    each(
      noteGroups,
      (group) => segments(
        heading2(3, words(this.formatNoteIcon(context, group.title), group.title)),
        list(
          group.notes,
          (note) => words(
            note.commit.scope && bold(`${note.commit.scope}:`),
            note.text
          )
        )
      ),
      newline(2)
    ),
    each(
      commitGroups,
      (group) => segments(
        group.title && heading2(3, group.title),
        list(
          group.commits,
          (commit) => commitPartial3(context, commit)
        )
      ),
      newline(2)
    ),
    footerPartial3(context)
  );
}

// node_modules/conventional-changelog-conventionalcommits/src/format.js
var format_exports = {};
__export(format_exports, {
  formatCommitUrl: () => formatCommitUrl,
  formatCompareUrl: () => formatCompareUrl,
  formatIssueUrl: () => formatIssueUrl,
  formatNoteIcon: () => formatNoteIcon,
  formatNoteTitle: () => formatNoteTitle,
  formatUserUrl: () => formatUserUrl
});
init_define_RELEASE_TRAIN_COMMANDS();
function formatNoteTitle(context, title) {
  return noteTitle(title);
}
function formatNoteIcon(context, title) {
  return title === BREAKING_CHANGES_TITLE ? "\u26A0" : "";
}
function formatIssueUrl(context, reference2) {
  return url(
    referenceRepositoryUrl(context, reference2),
    context.issue || "issues",
    reference2.issue
  );
}
function formatCommitUrl(context, commit) {
  return url(repositoryUrl(context), context.commit || "commit", commit.hash);
}
function formatCompareUrl(context) {
  return compareUrl(context);
}
function formatUserUrl(context, user) {
  return url(context.host, user);
}

// node_modules/conventional-changelog-conventionalcommits/src/writer.js
var COMMIT_HASH_LENGTH = 7;
var releaseAsRegex = /release-as:\s*\w*@?([0-9]+\.[0-9]+\.[0-9a-z]+(-[0-9a-z.]+)?)\s*/i;
function compareNotes(a, b) {
  return (a.title || "").localeCompare(b.title || "") || (a.text || "").localeCompare(b.text || "");
}
function createWriterOpts(config) {
  const finalConfig = {
    types: DEFAULT_COMMIT_TYPES,
    issuePrefixes: ["#"],
    ...format_exports,
    ...config
  };
  const commitGroupOrder = finalConfig.types.map((t) => t.section).filter(Boolean);
  const formatReferences = createReferencesFormatter(finalConfig);
  return {
    ...createLegacyWriterGuard("conventional-changelog-conventionalcommits"),
    template: template2.bind(finalConfig),
    headerPartial: headerPartial2.bind(finalConfig),
    preamblePartial: preamblePartial2.bind(finalConfig),
    commitPartial: commitPartial2.bind(finalConfig),
    footerPartial: footerPartial2.bind(finalConfig),
    transform: (commit, context) => {
      let discard = true;
      const issues = [];
      const entry = findTypeEntry(finalConfig.types, commit);
      if (commit.footer && releaseAsRegex.test(commit.footer) || commit.body && releaseAsRegex.test(commit.body)) {
        discard = false;
      }
      const notes = getNotes(commit).map((note) => {
        discard = false;
        return {
          ...note,
          title: finalConfig.formatNoteTitle(context, note.title),
          text: formatReferences(note.text, context)
        };
      });
      if (
        // notes attached to any type are still displayed.
        discard && (entry === void 0 || isTypeEffect(entry, "hidden")) || !matchScope(finalConfig, commit)
      ) {
        return void 0;
      }
      const type = entry ? entry.section : commit.type;
      const scope = commit.scope === "*" || finalConfig.scope ? "" : commit.scope;
      const shortHash = typeof commit.hash === "string" ? commit.hash.substring(0, COMMIT_HASH_LENGTH) : commit.shortHash;
      let { subject } = commit;
      if (typeof subject === "string") {
        subject = formatReferences(subject, context, issues);
      }
      const references = commit.references.filter((reference2) => !issues.includes(reference2.prefix + reference2.issue));
      return {
        notes,
        type,
        scope,
        shortHash,
        subject,
        references
      };
    },
    groupBy: "type",
    // the groupings of commit messages, e.g., Features vs., Bug Fixes, are
    // sorted based on their probable importance:
    commitGroupsSort: (a, b) => {
      const gRankA = commitGroupOrder.indexOf(a.title);
      const gRankB = commitGroupOrder.indexOf(b.title);
      return gRankA - gRankB;
    },
    commitsSort: ["scope", "subject"],
    noteGroupsSort: "title",
    notesSort: compareNotes
  };
}

// node_modules/conventional-changelog-conventionalcommits/src/whatBump.js
init_define_RELEASE_TRAIN_COMMANDS();
function createWhatBump(config = {}) {
  const { types = DEFAULT_COMMIT_TYPES } = config;
  return function whatBump(commits) {
    let level = null;
    let breakings = 0;
    let features = 0;
    commits.forEach((commit) => {
      if (!matchScope(config, commit)) {
        return;
      }
      const entry = findTypeEntry(types, commit);
      const breakingNotes = getNotes(commit).filter(isBreakingNote);
      if (breakingNotes.length > 0) {
        breakings += breakingNotes.length;
        level = 0;
      } else if (entry && isTypeEffect(entry, "bump")) {
        if (level === null) {
          level = 2;
        }
        if (commit.type === "feat" || commit.type === "feature") {
          features += 1;
          if (level > 1) {
            level = 1;
          }
        }
      }
    });
    if (level === null) {
      return null;
    }
    if (config?.preMajor && level < 2) {
      level++;
    }
    return {
      level,
      reason: breakings === 1 ? `There is ${breakings} BREAKING CHANGE and ${features} features` : `There are ${breakings} BREAKING CHANGES and ${features} features`
    };
  };
}

// node_modules/conventional-changelog-conventionalcommits/src/index.js
function createPreset(config) {
  return {
    commits: {
      ignore: config?.ignoreCommits,
      merges: false
    },
    parser: createParserOpts(config),
    writer: createWriterOpts(config),
    whatBump: createWhatBump(config)
  };
}

// node_modules/conventional-changelog-writer/dist/index.js
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/conventional-changelog-writer/dist/commit.js
init_define_RELEASE_TRAIN_COMMANDS();
function preventModifications(object) {
  return new Proxy(object, {
    get(target, prop) {
      const value = target[prop];
      if (value instanceof Date) {
        return value;
      }
      if (typeof value === "object" && value !== null) {
        return preventModifications(value);
      }
      return value;
    },
    set() {
      throw new Error("Cannot modify immutable object.");
    },
    deleteProperty() {
      throw new Error("Cannot modify immutable object.");
    }
  });
}
async function transformCommit(commit, transform, ...args) {
  if (typeof transform === "function") {
    const patch = await transform(preventModifications(commit), ...args);
    if (patch) {
      return {
        ...commit,
        ...patch,
        raw: commit
      };
    }
    return null;
  }
  return commit;
}

// node_modules/conventional-changelog-writer/dist/options.js
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/verkit/dist/index.js
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/verkit/dist/comparison-CmVirWIW.js
init_define_RELEASE_TRAIN_COMMANDS();
var LETTER_DASH_NUMBER = "[a-zA-Z0-9-]";
var NUMERIC_IDENTIFIER = String.raw`0|[1-9]\d*`;
var NUMERIC_IDENTIFIER_LOOSE = String.raw`\d+`;
var NON_NUMERIC_IDENTIFIER = String.raw`\d*[a-zA-Z-]${LETTER_DASH_NUMBER}*`;
var MAIN_VERSION = String.raw`(${NUMERIC_IDENTIFIER})\.(${NUMERIC_IDENTIFIER})\.(${NUMERIC_IDENTIFIER})`;
var MAIN_VERSION_LOOSE = String.raw`(${NUMERIC_IDENTIFIER_LOOSE})\.(${NUMERIC_IDENTIFIER_LOOSE})\.(${NUMERIC_IDENTIFIER_LOOSE})`;
var PRERELEASE_IDENTIFIER = `(?:${NON_NUMERIC_IDENTIFIER}|${NUMERIC_IDENTIFIER})`;
var PRERELEASE_IDENTIFIER_LOOSE = `(?:${NON_NUMERIC_IDENTIFIER}|${NUMERIC_IDENTIFIER_LOOSE})`;
var PRERELEASE = String.raw`(?:-(${PRERELEASE_IDENTIFIER}(?:\.${PRERELEASE_IDENTIFIER})*))`;
var PRERELEASE_LOOSE = String.raw`(?:-?(${PRERELEASE_IDENTIFIER_LOOSE}(?:\.${PRERELEASE_IDENTIFIER_LOOSE})*))`;
var BUILD_IDENTIFIER = `${LETTER_DASH_NUMBER}+`;
var BUILD = String.raw`(?:\+(${BUILD_IDENTIFIER}(?:\.${BUILD_IDENTIFIER})*))`;
var FULL_PLAIN = `v?${MAIN_VERSION}${PRERELEASE}?${BUILD}?`;
var LOOSE_PLAIN = String.raw`[v=\s]*${MAIN_VERSION_LOOSE}${PRERELEASE_LOOSE}?${BUILD}?`;
var XRANGE_IDENTIFIER = String.raw`${NUMERIC_IDENTIFIER}|x|X|\*`;
var XRANGE_IDENTIFIER_LOOSE = String.raw`${NUMERIC_IDENTIFIER_LOOSE}|x|X|\*`;
var XRANGE_PLAIN = String.raw`[v=\s]*(${XRANGE_IDENTIFIER})(?:\.(${XRANGE_IDENTIFIER})(?:\.(${XRANGE_IDENTIFIER})(?:${PRERELEASE})?${BUILD}?)?)?`;
var XRANGE_PLAIN_LOOSE = String.raw`[v=\s]*(${XRANGE_IDENTIFIER_LOOSE})(?:\.(${XRANGE_IDENTIFIER_LOOSE})(?:\.(${XRANGE_IDENTIFIER_LOOSE})(?:${PRERELEASE_LOOSE})?${BUILD}?)?)?`;
var LONE_CARET = String.raw`(?:\^)`;
var COERCE_PLAIN = String.raw`(^|[^\d])(\d{1,${16}})(?:\.(\d{1,${16}}))?(?:\.(\d{1,${16}}))?`;
var COERCE = String.raw`${COERCE_PLAIN}(?:$|[^\d])`;
var COERCE_FULL = String.raw`${COERCE_PLAIN}(?:${PRERELEASE})?(?:${BUILD})?(?:$|[^\d])`;
function makeSafeRegexSource(source) {
  const replacements = [
    [String.raw`\s`, 1],
    [String.raw`\d`, 256],
    [LETTER_DASH_NUMBER, 250]
  ];
  for (const [token, maximum] of replacements) source = source.split(`${token}*`).join(`${token}{0,${maximum}}`).split(`${token}+`).join(`${token}{1,${maximum}}`);
  return source;
}
function safeRegex(source, flags) {
  return new RegExp(makeSafeRegexSource(source), flags);
}
var FULL = safeRegex(`^${FULL_PLAIN}$`);
var LOOSE = safeRegex(`^${LOOSE_PLAIN}$`);
var NUMERIC$1 = /^\d+$/;
function parse(version, options = {}) {
  if (typeof version !== "string") return version;
  if (version.length > 256) throw new TypeError(`Version exceeds the maximum length of 256 characters`);
  const match = version.trim().match(options.loose ? LOOSE : FULL);
  if (!match) throw new TypeError(`Invalid version syntax: ${version}`);
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const patch = Number(match[3]);
  if (major > Number.MAX_SAFE_INTEGER || major < 0) throw new TypeError(`Invalid major version: ${match[1]}`);
  if (minor > Number.MAX_SAFE_INTEGER || minor < 0) throw new TypeError(`Invalid minor version: ${match[2]}`);
  if (patch > Number.MAX_SAFE_INTEGER || patch < 0) throw new TypeError(`Invalid patch version: ${match[3]}`);
  const prerelease = match[4] ? match[4].split(".").map((identifier) => {
    if (NUMERIC$1.test(identifier)) {
      const numeric = Number(identifier);
      if (numeric >= 0 && numeric < Number.MAX_SAFE_INTEGER) return numeric;
    }
    return identifier;
  }) : void 0;
  return {
    build: match[5]?.split("."),
    major,
    minor,
    patch,
    prerelease
  };
}
function tryParse(version, options = {}) {
  try {
    return parse(version, options);
  } catch {
    return null;
  }
}

// node_modules/verkit/dist/version-Co1j9Tpq.js
init_define_RELEASE_TRAIN_COMMANDS();
var COERCE_EXACT = safeRegex(COERCE);
var COERCE_FULL_EXACT = safeRegex(COERCE_FULL);
var PRERELEASE_EXACT = safeRegex(`^${PRERELEASE}$`);
var PRERELEASE_LOOSE_EXACT = safeRegex(`^${PRERELEASE_LOOSE}$`);
function isValid(version, options = {}) {
  return tryParse(version, options) !== null;
}
function getPatch(version, options = {}) {
  return parse(version, options).patch;
}

// node_modules/conventional-changelog-writer/dist/utils.js
init_define_RELEASE_TRAIN_COMMANDS();
var DATETIME_LENGTH = 10;
function formatDate(date) {
  return new Date(date).toISOString().slice(0, DATETIME_LENGTH);
}
function stringify(obj) {
  const stack = [];
  const keys = [];
  let thisPos;
  const cycleReplacer = (value) => {
    if (stack[0] === value) {
      return "[Circular ~]";
    }
    return `[Circular ~.${keys.slice(0, stack.indexOf(value)).join(".")}]`;
  };
  function serializer(key, value) {
    let resultValue = value;
    if (stack.length > 0) {
      thisPos = stack.indexOf(this);
      if (thisPos !== -1) {
        stack.splice(thisPos + 1);
        keys.splice(thisPos, Infinity, key);
      } else {
        stack.push(this);
        keys.push(key);
      }
      if (stack.includes(resultValue)) {
        resultValue = cycleReplacer(resultValue);
      }
    } else {
      stack.push(resultValue);
    }
    return resultValue;
  }
  return JSON.stringify(obj, serializer, "  ");
}
function createComparator(strings2) {
  if (typeof strings2 === "string") {
    return (a, b) => (a[strings2] || "").localeCompare(b[strings2] || "");
  }
  if (Array.isArray(strings2)) {
    return (a, b) => {
      let strA = "";
      let strB = "";
      for (const key of strings2) {
        strA += a[key] || "";
        strB += b[key] || "";
      }
      return strA.localeCompare(strB);
    };
  }
  return strings2;
}

// node_modules/conventional-changelog-writer/dist/options.js
var HASH_SHORT_LENGTH = 7;
var HEADER_MAX_LENGTH = 100;
function defaultCommitTransform(commit, _context, options) {
  const { hash, header, committerDate } = commit;
  return {
    hash: typeof hash === "string" ? hash.substring(0, HASH_SHORT_LENGTH) : hash,
    header: typeof header === "string" ? header.substring(0, HEADER_MAX_LENGTH) : header,
    committerDate: committerDate ? options.formatDate(committerDate) : committerDate
  };
}
function getFinalOptions(options) {
  const prefinalOptions = {
    groupBy: "type",
    commitsSort: "header",
    noteGroupsSort: "title",
    notesSort: "text",
    transform: defaultCommitTransform,
    generateOn: (commit) => typeof commit.version === "string" && isValid(commit.version),
    finalizeContext: (context) => context,
    debug: () => {
    },
    formatDate,
    template,
    headerPartial,
    preamblePartial,
    commitPartial,
    footerPartial,
    reverse: false,
    ignoreReverted: true,
    doFlush: true,
    ...options
  };
  const finalOptions = {
    ...prefinalOptions,
    commitGroupsSort: createComparator(prefinalOptions.commitGroupsSort),
    commitsSort: createComparator(prefinalOptions.commitsSort),
    noteGroupsSort: createComparator(prefinalOptions.noteGroupsSort),
    notesSort: createComparator(prefinalOptions.notesSort)
  };
  return finalOptions;
}
function getGenerateOnFunction(context, options) {
  const { generateOn } = options;
  if (typeof generateOn === "string") {
    return (commit) => typeof commit[generateOn] !== "undefined";
  } else if (typeof generateOn !== "function") {
    return () => false;
  }
  return (keyCommit, commitsGroup) => generateOn(keyCommit, commitsGroup, context, options);
}

// node_modules/conventional-changelog-writer/dist/writers.js
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/conventional-changelog-writer/dist/template.js
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/conventional-changelog-writer/dist/context.js
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/conventional-commits-filter/dist/index.js
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/conventional-commits-filter/dist/RevertedCommitsFilter.js
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/conventional-commits-filter/dist/utils.js
init_define_RELEASE_TRAIN_COMMANDS();
function isMatch(object, source) {
  let aValue;
  let bValue;
  for (const key in source) {
    aValue = object[key];
    bValue = source[key];
    if (typeof aValue === "string") {
      aValue = aValue.trim();
    }
    if (typeof bValue === "string") {
      bValue = bValue.trim();
    }
    if (aValue !== bValue) {
      return false;
    }
  }
  return true;
}
function findRevertCommit(commit, reverts) {
  if (!reverts.size) {
    return null;
  }
  const rawCommit = commit.raw || commit;
  for (const revertCommit of reverts) {
    if (revertCommit.revert && isMatch(rawCommit, revertCommit.revert)) {
      return revertCommit;
    }
  }
  return null;
}

// node_modules/conventional-commits-filter/dist/RevertedCommitsFilter.js
var RevertedCommitsFilter = class {
  hold = /* @__PURE__ */ new Set();
  holdRevertsCount = 0;
  /**
   * Process commit to filter reverted commits
   * @param commit
   * @yields Commit
   */
  *process(commit) {
    const { hold } = this;
    const revertCommit = findRevertCommit(commit, hold);
    if (revertCommit) {
      hold.delete(revertCommit);
      this.holdRevertsCount--;
      return;
    }
    if (commit.revert) {
      hold.add(commit);
      this.holdRevertsCount++;
      return;
    }
    if (this.holdRevertsCount > 0) {
      hold.add(commit);
    } else {
      if (hold.size) {
        yield* hold;
        hold.clear();
      }
      yield commit;
    }
  }
  /**
   * Flush all held commits
   * @yields Held commits
   */
  *flush() {
    const { hold } = this;
    if (hold.size) {
      yield* hold;
      hold.clear();
    }
  }
};

// node_modules/conventional-commits-filter/dist/filters.js
init_define_RELEASE_TRAIN_COMMANDS();
function* filterRevertedCommitsSync(commits) {
  const filter = new RevertedCommitsFilter();
  for (const commit of commits) {
    yield* filter.process(commit);
  }
  yield* filter.flush();
}

// node_modules/conventional-changelog-writer/dist/context.js
function getCommitGroups(commits, options) {
  const { groupBy, commitGroupsSort, commitsSort } = options;
  const commitGroups = [];
  const commitGroupsObj = commits.reduce((groups, commit) => {
    const key = commit[groupBy] || "";
    if (groups[key]) {
      groups[key].push(commit);
    } else {
      groups[key] = [commit];
    }
    return groups;
  }, /* @__PURE__ */ Object.create(null));
  Object.entries(commitGroupsObj).forEach(([title, commits2]) => {
    if (commitsSort) {
      commits2.sort(commitsSort);
    }
    commitGroups.push({
      title,
      commits: commits2
    });
  });
  if (commitGroupsSort) {
    commitGroups.sort(commitGroupsSort);
  }
  return commitGroups;
}
function getNoteGroups(notes, options) {
  const { noteGroupsSort, notesSort } = options;
  const retGroups = [];
  notes.forEach((note) => {
    const { title } = note;
    let titleExists = false;
    retGroups.forEach((group) => {
      if (group.title === title) {
        titleExists = true;
        group.notes.push(note);
      }
    });
    if (!titleExists) {
      retGroups.push({
        title,
        notes: [note]
      });
    }
  });
  if (noteGroupsSort) {
    retGroups.sort(noteGroupsSort);
  }
  if (notesSort) {
    retGroups.forEach((group) => {
      group.notes.sort(notesSort);
    });
  }
  return retGroups;
}
function getExtraContext(commits, notes, options) {
  return {
    // group `commits` by `options.groupBy`
    commitGroups: getCommitGroups(commits, options),
    // group `notes` for footer
    noteGroups: getNoteGroups(notes, options)
  };
}
function getFinalContext(context, options) {
  const finalContext = {
    commit: "commits",
    issue: "issues",
    compare: "compare",
    date: options.formatDate(/* @__PURE__ */ new Date()),
    headerPartial: options.headerPartial,
    preamblePartial: options.preamblePartial,
    commitPartial: options.commitPartial,
    footerPartial: options.footerPartial,
    ...context
  };
  if (typeof finalContext.linkReferences !== "boolean" && (finalContext.repository || finalContext.repoUrl) && finalContext.commit && finalContext.issue) {
    finalContext.linkReferences = true;
  }
  return finalContext;
}
async function getTemplateContext(keyCommit, commits, context, options) {
  const notes = [];
  const filteredCommits = (options.ignoreReverted ? Array.from(filterRevertedCommitsSync(commits)) : commits).map((commit) => ({
    ...commit,
    notes: commit.notes.map((note) => {
      const commitNote = {
        ...note,
        commit
      };
      notes.push(commitNote);
      return commitNote;
    })
  }));
  let templateContext = {
    ...context,
    ...keyCommit,
    ...getExtraContext(filteredCommits, notes, options)
  };
  if (keyCommit?.committerDate) {
    templateContext.date = keyCommit.committerDate;
  }
  if (typeof templateContext.version === "string" && isValid(templateContext.version)) {
    templateContext.isPatch ||= getPatch(templateContext.version) !== 0;
  }
  templateContext = await options.finalizeContext(templateContext, options, filteredCommits, keyCommit, commits);
  options.debug(`Your final context is:
${stringify(templateContext)}`);
  return templateContext;
}

// node_modules/conventional-changelog-writer/dist/template.js
function createTemplateRenderer(context, options) {
  const { template: template3 } = options;
  return async (commits, keyCommit, subsequent) => {
    const templateContext = await getTemplateContext(keyCommit, commits, context, options);
    const rendered = (await template3(templateContext)).trim();
    return rendered.length > 0 ? `${subsequent ? "\n" : ""}${rendered}
` : "";
  };
}

// node_modules/conventional-changelog-writer/dist/writers.js
function writeChangelog(context = {}, options = {}, includeDetails = false) {
  const finalOptions = getFinalOptions(options);
  const finalContext = getFinalContext(context, finalOptions);
  const generateOn = getGenerateOnFunction(finalContext, finalOptions);
  const renderTemplate = createTemplateRenderer(finalContext, finalOptions);
  const prepResult = includeDetails ? (log, keyCommit) => ({
    log,
    keyCommit
  }) : (log) => log;
  return async function* write(commits) {
    const { transform, reverse, doFlush, skip } = finalOptions;
    let chunk;
    let commit;
    let keyCommit;
    let commitsGroup = [];
    let neverGenerated = true;
    let result = "";
    let savedKeyCommit = null;
    let firstRelease = true;
    for await (chunk of commits) {
      commit = await transformCommit(chunk, transform, finalContext, finalOptions);
      keyCommit = commit || chunk;
      if (skip?.(keyCommit)) {
        continue;
      }
      if (reverse) {
        if (commit) {
          commitsGroup.push(commit);
        }
        if (generateOn(keyCommit, commitsGroup)) {
          neverGenerated = false;
          result = await renderTemplate(commitsGroup, keyCommit, result.length > 0);
          commitsGroup = [];
          yield prepResult(result, keyCommit);
        }
      } else {
        if (generateOn(keyCommit, commitsGroup)) {
          neverGenerated = false;
          result = await renderTemplate(commitsGroup, savedKeyCommit, result.length > 0);
          commitsGroup = [];
          if (!firstRelease || doFlush) {
            yield prepResult(result, savedKeyCommit);
          }
          firstRelease = false;
          savedKeyCommit = keyCommit;
        }
        if (commit) {
          commitsGroup.push(commit);
        }
      }
    }
    if (!doFlush && (reverse || neverGenerated)) {
      return;
    }
    result = await renderTemplate(commitsGroup, savedKeyCommit, result.length > 0);
    yield prepResult(result, savedKeyCommit);
  };
}
async function writeChangelogString(commits, context, options) {
  const changelogAsyncIterable = writeChangelog(context, options)(commits);
  let changelog = "";
  let chunk;
  for await (chunk of changelogAsyncIterable) {
    changelog += chunk;
  }
  return changelog;
}

// node_modules/conventional-commits-parser/dist/index.js
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/conventional-commits-parser/dist/CommitParser.js
init_define_RELEASE_TRAIN_COMMANDS();

// node_modules/conventional-commits-parser/dist/regex.js
init_define_RELEASE_TRAIN_COMMANDS();
var nomatchRegex = /(?!.*)/;
function escape(string) {
  return string.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function joinOr(parts) {
  return parts.map((val) => typeof val === "string" ? escape(val.trim()) : val.source).filter(Boolean).join("|");
}
function getNotesRegex(noteKeywords, notesPattern) {
  if (!noteKeywords) {
    return nomatchRegex;
  }
  const noteKeywordsSelection = joinOr(noteKeywords);
  if (!notesPattern) {
    return new RegExp(`^(?:\\*\\s+)?(${noteKeywordsSelection}):\\s*(.*)`, "i");
  }
  return notesPattern(noteKeywordsSelection);
}
function getReferencePartsRegex(issuePrefixes, issuePrefixesCaseSensitive) {
  if (!issuePrefixes) {
    return nomatchRegex;
  }
  const flags = issuePrefixesCaseSensitive ? "gy" : "giy";
  const repositoryChar = "[\\w-\\.\\/]";
  return new RegExp(`.*?(?<!${repositoryChar})(?:(${repositoryChar}+)(?!${repositoryChar}))?(${joinOr(issuePrefixes)})((?=[\\w-]*\\d)[\\w-]+)(?=\\s|$|[,;.)\\]])`, flags);
}
function getReferencesRegex(referenceActions, separator = "") {
  if (!referenceActions) {
    return /()(.+)/gi;
  }
  const joinedKeywords = joinOr(referenceActions);
  const nextKeyword = `(?<!\\w)(?:${joinedKeywords})(?!\\w)`;
  return new RegExp(`(?<!\\w)(${joinedKeywords})${separator}(?:\\s+(.*?))(?=${nextKeyword}|$)`, "gi");
}
function getFooterTokenRegex(issuePrefixes) {
  const issuePrefixSeparator = issuePrefixes ? `|\\s+(?:${joinOr(issuePrefixes)})` : "";
  return new RegExp(`^(?:BREAKING CHANGE|[\\w-]+)(?::\\s+${issuePrefixSeparator}).+`, "i");
}
function getParserRegexes(options = {}) {
  const notes = getNotesRegex(options.noteKeywords, options.notesPattern);
  const referenceParts = getReferencePartsRegex(options.issuePrefixes, options.issuePrefixesCaseSensitive);
  const references = getReferencesRegex(options.referenceActions);
  const footerReferences = getReferencesRegex(options.referenceActions, ":?");
  const footerToken = getFooterTokenRegex(options.issuePrefixes);
  return {
    notes,
    referenceParts,
    references,
    footerReferences,
    footerToken,
    mentions: /@([\w-]+)/g,
    url: /\b(?:https?):\/\/(?:www\.)?([-a-zA-Z0-9@:%_+.~#?&//=])+\b/
  };
}

// node_modules/conventional-commits-parser/dist/utils.js
init_define_RELEASE_TRAIN_COMMANDS();
var SCISSOR = "------------------------ >8 ------------------------";
function trimNewLines(input) {
  const matches = input.match(/[^\r\n]/);
  if (typeof matches?.index !== "number") {
    return "";
  }
  const firstIndex = matches.index;
  let lastIndex = input.length - 1;
  while (input[lastIndex] === "\r" || input[lastIndex] === "\n") {
    lastIndex--;
  }
  return input.substring(firstIndex, lastIndex + 1);
}
function appendLine(src, line) {
  return src ? `${src}
${line || ""}` : line || "";
}
function getCommentFilter(char) {
  return char ? (line) => !line.startsWith(char) : () => true;
}
function truncateToScissor(lines, commentChar) {
  const scissorIndex = lines.indexOf(`${commentChar} ${SCISSOR}`);
  if (scissorIndex === -1) {
    return lines;
  }
  return lines.slice(0, scissorIndex);
}
function gpgFilter(line) {
  return !line.match(/^\s*gpg:/);
}
function assignMatchedCorrespondence(target, matches, correspondence) {
  const { groups } = matches;
  for (let i = 0, len = correspondence.length, key; i < len; i++) {
    key = correspondence[i];
    target[key] = (groups ? groups[key] : matches[i + 1]) || null;
  }
  return target;
}

// node_modules/conventional-commits-parser/dist/options.js
init_define_RELEASE_TRAIN_COMMANDS();
var defaultOptions = {
  noteKeywords: ["BREAKING CHANGE", "BREAKING-CHANGE"],
  issuePrefixes: ["#"],
  referenceActions: [
    "close",
    "closes",
    "closed",
    "fix",
    "fixes",
    "fixed",
    "resolve",
    "resolves",
    "resolved"
  ],
  headerPattern: /^(\w*)(?:\(([\w$@.\-*/ ]*)\))?: (.*)$/,
  headerCorrespondence: [
    "type",
    "scope",
    "subject"
  ],
  revertPattern: /^Revert\s"([\s\S]*)"\s*This reverts commit (\w*)\.?/,
  revertCorrespondence: ["header", "hash"],
  // The field name must contain at least one word character so that
  // YAML document markers like `---` are not treated as field markers.
  fieldPattern: /^-(?=.*\w)(.*?)-$/
};

// node_modules/conventional-commits-parser/dist/CommitParser.js
function createCommitObject(initialData = {}) {
  return {
    merge: null,
    revert: null,
    header: null,
    body: null,
    footer: null,
    notes: [],
    mentions: [],
    references: [],
    ...initialData
  };
}
var CommitParser = class {
  options;
  regexes;
  lines = [];
  lineIndex = 0;
  commit = createCommitObject();
  constructor(options = {}) {
    this.options = {
      ...defaultOptions,
      ...options
    };
    this.regexes = getParserRegexes(this.options);
  }
  currentLine() {
    return this.lines[this.lineIndex];
  }
  nextLine() {
    return this.lines[this.lineIndex++];
  }
  isLineAvailable() {
    return this.lineIndex < this.lines.length;
  }
  parseReference(input, action) {
    const { regexes } = this;
    if (regexes.url.test(input)) {
      return null;
    }
    const matches = regexes.referenceParts.exec(input);
    if (!matches) {
      return null;
    }
    let [raw, repository = null, prefix, issue] = matches;
    let owner = null;
    if (repository) {
      const slashIndex = repository.indexOf("/");
      if (slashIndex !== -1) {
        owner = repository.slice(0, slashIndex);
        repository = repository.slice(slashIndex + 1);
      }
    }
    return {
      raw,
      action,
      owner,
      repository,
      prefix,
      issue
    };
  }
  parseReferences(input, isFooterToken = false) {
    const { regexes } = this;
    const regex = isFooterToken ? regexes.footerReferences : regexes.references;
    const sentences = [];
    let lastIndex = 0;
    let matches;
    while (true) {
      matches = regex.exec(input);
      if (!matches) {
        break;
      }
      sentences.push([null, input.slice(lastIndex, matches.index)], [matches[1] || null, matches[2] || ""]);
      lastIndex = regex.lastIndex;
    }
    sentences.push([null, input.slice(lastIndex)]);
    const references = [];
    let reference2;
    for (const [action, sentence] of sentences) {
      while (true) {
        reference2 = this.parseReference(sentence, action);
        if (!reference2) {
          break;
        }
        references.push(reference2);
      }
    }
    return references;
  }
  skipEmptyLines() {
    let line = this.currentLine();
    while (line !== void 0 && !line.trim()) {
      this.nextLine();
      line = this.currentLine();
    }
  }
  parseMerge() {
    const { commit, options } = this;
    const correspondence = options.mergeCorrespondence || [];
    const merge = this.currentLine();
    const matches = merge && options.mergePattern ? merge.match(options.mergePattern) : null;
    if (matches) {
      this.nextLine();
      commit.merge = matches[0] || null;
      assignMatchedCorrespondence(commit, matches, correspondence);
      return true;
    }
    return false;
  }
  parseHeader(isMergeCommit) {
    if (isMergeCommit) {
      this.skipEmptyLines();
    }
    const { commit, options } = this;
    const correspondence = options.headerCorrespondence || [];
    const header = commit.header ?? this.nextLine();
    let matches = null;
    if (header) {
      if (options.breakingHeaderPattern) {
        matches = header.match(options.breakingHeaderPattern);
      }
      if (!matches && options.headerPattern) {
        matches = header.match(options.headerPattern);
      }
    }
    if (header) {
      commit.header = header;
    }
    if (matches) {
      assignMatchedCorrespondence(commit, matches, correspondence);
    }
  }
  parseMeta() {
    const { options, commit } = this;
    if (!options.fieldPattern || !this.isLineAvailable()) {
      return false;
    }
    let matches;
    let field = null;
    let parsed = false;
    while (this.isLineAvailable()) {
      matches = this.currentLine().match(options.fieldPattern);
      if (matches) {
        field = matches[1] || null;
        this.nextLine();
        continue;
      }
      if (field) {
        parsed = true;
        commit[field] = appendLine(commit[field], this.currentLine());
        this.nextLine();
      } else {
        break;
      }
    }
    return parsed;
  }
  parseNotes() {
    const { regexes, commit } = this;
    if (!this.isLineAvailable()) {
      return false;
    }
    const matches = this.currentLine().match(regexes.notes);
    let isFooterToken;
    if (matches) {
      const note = {
        title: matches[1],
        text: matches[2]
      };
      commit.notes.push(note);
      commit.footer = appendLine(commit.footer, this.currentLine());
      this.nextLine();
      while (this.isLineAvailable()) {
        if (this.parseMeta()) {
          return true;
        }
        if (this.parseNotes()) {
          return true;
        }
        isFooterToken = regexes.footerToken.test(this.currentLine());
        commit.references.push(...this.parseReferences(this.currentLine(), isFooterToken));
        if (!isFooterToken) {
          note.text = appendLine(note.text, this.currentLine());
        }
        commit.footer = appendLine(commit.footer, this.currentLine());
        this.nextLine();
        if (isFooterToken) {
          break;
        }
      }
      return true;
    }
    return false;
  }
  parseBodyAndFooter(isBody) {
    const { commit, regexes } = this;
    if (!this.isLineAvailable()) {
      return isBody;
    }
    const isFooterToken = regexes.footerToken.test(this.currentLine());
    const isStillBody = !isFooterToken && isBody;
    commit.references.push(...this.parseReferences(this.currentLine(), isFooterToken));
    if (isStillBody) {
      commit.body = appendLine(commit.body, this.currentLine());
    } else {
      commit.footer = appendLine(commit.footer, this.currentLine());
    }
    this.nextLine();
    return isStillBody;
  }
  parseBreakingHeader() {
    const { commit, options } = this;
    if (!options.breakingHeaderPattern || commit.notes.length || !commit.header) {
      return;
    }
    const matches = commit.header.match(options.breakingHeaderPattern);
    if (matches) {
      commit.notes.push({
        title: "BREAKING CHANGE",
        text: matches[3]
      });
    }
  }
  parseMentions(input) {
    const { commit, regexes } = this;
    let matches;
    for (; ; ) {
      matches = regexes.mentions.exec(input);
      if (!matches) {
        break;
      }
      commit.mentions.push(matches[1]);
    }
  }
  parseRevert(input) {
    const { commit, options } = this;
    const correspondence = options.revertCorrespondence || [];
    const matches = options.revertPattern ? input.match(options.revertPattern) : null;
    if (matches) {
      commit.revert = assignMatchedCorrespondence({}, matches, correspondence);
    }
  }
  cleanupCommit() {
    const { commit } = this;
    commit.body &&= trimNewLines(commit.body);
    commit.footer &&= trimNewLines(commit.footer);
    commit.notes.forEach((note) => {
      note.text = trimNewLines(note.text);
    });
    const referencesSet = /* @__PURE__ */ new Set();
    commit.references = commit.references.filter((reference2) => {
      const uid = `${reference2.action} ${reference2.raw}`.toLocaleLowerCase();
      const ok = !referencesSet.has(uid);
      if (ok) {
        referencesSet.add(uid);
      }
      return ok;
    });
  }
  /**
   * Parse commit message string into an object.
   * @param input - Commit message string.
   * @returns Commit object.
   */
  parse(input) {
    if (!input.trim()) {
      throw new TypeError("Expected a raw commit");
    }
    const { commentChar } = this.options;
    const commentFilter = getCommentFilter(commentChar);
    const rawLines = trimNewLines(input).split(/\r?\n/);
    const lines = commentChar ? truncateToScissor(rawLines, commentChar).filter((line) => commentFilter(line) && gpgFilter(line)) : rawLines.filter((line) => gpgFilter(line));
    const commit = createCommitObject();
    this.lines = lines;
    this.lineIndex = 0;
    this.commit = commit;
    const isMergeCommit = this.parseMerge();
    this.parseHeader(isMergeCommit);
    if (commit.header) {
      commit.references = this.parseReferences(commit.header);
    }
    let isBody = true;
    while (this.isLineAvailable()) {
      this.parseMeta();
      if (this.parseNotes()) {
        isBody = false;
      }
      if (!this.parseBodyAndFooter(isBody)) {
        isBody = false;
      }
    }
    this.parseBreakingHeader();
    this.parseMentions(input);
    this.parseRevert(input);
    this.cleanupCommit();
    return commit;
  }
};

// node_modules/conventional-commits-parser/dist/stream.js
init_define_RELEASE_TRAIN_COMMANDS();

// src/core/release-notes.ts
var OTHER_TYPE = { type: "other", section: "Other Changes" };
var HEADER_PATTERN = /^(\w*)(?:\((.*)\))?!?: (.*)$/;
function preset() {
  return createPreset({ types: [...DEFAULT_COMMIT_TYPES, OTHER_TYPE] });
}
function repoUrl(links) {
  return `${links.serverUrl.replace(/\/$/, "")}/${links.owner}/${links.repo}`;
}
function entryMessage(commit) {
  const lines = commit.message.replace(/\r\n/g, "\n").split("\n");
  let header = lines[0] ?? "";
  let body = lines.slice(1).join("\n").trim();
  const pr = commit.pullRequest;
  if (pr && (commit.isMerge || /^Merge pull request #\d+ /.test(header))) {
    header = pr.title.trim();
    body = body.startsWith(header) ? body.slice(header.length).trim() : body;
  }
  if (!HEADER_PATTERN.test(header)) header = `${OTHER_TYPE.type}: ${header}`;
  if (pr && !header.includes(`#${pr.number}`)) header = `${header} (#${pr.number})`;
  return body ? `${header}

${body}` : header;
}
function preamble(input) {
  const url2 = repoUrl(input.links);
  const deployed = `[\`${input.deployed.slice(0, 7)}\`](${url2}/commit/${input.deployed})`;
  const prs = input.pullRequests.map((number) => `[#${number}](${url2}/pull/${number})`);
  return prs.length > 0 ? `Deployed ${deployed} with ${prs.join(", ")}.` : `Deployed ${deployed}.`;
}
async function renderSection(input) {
  const { parser: parserOptions, writer } = preset();
  const parser = new CommitParser(parserOptions);
  const commits = input.commits.map((commit) => {
    const parsed = parser.parse(entryMessage(commit));
    const referenced = new Set(parsed.references.map((reference2) => reference2.issue));
    for (const issue of commit.issues) {
      if (referenced.has(String(issue))) continue;
      parsed.references.push({
        raw: `#${issue}`,
        action: "closes",
        owner: null,
        repository: null,
        prefix: "#",
        issue: String(issue)
      });
    }
    return { ...parsed, hash: commit.sha };
  });
  const text = await writeChangelogString(
    commits,
    {
      version: input.tag,
      date: input.date,
      host: input.links.serverUrl.replace(/\/$/, ""),
      owner: input.links.owner,
      repository: input.links.repo,
      linkReferences: true,
      preamble: preamble(input)
    },
    writer
  );
  return `${text.trim()}
`;
}
function readSection(text) {
  const heading3 = /^## (?:\[)?(\S+?)(?:\]\([^)]*\))? /m.exec(text);
  const line = /^Deployed \[`[0-9a-f]{7,40}`\]\([^)\s]*\/commit\/([0-9a-f]{40})\)(?: with (.*))?\.$/m.exec(
    text
  );
  if (!heading3 || !line) return void 0;
  const pullRequests = [...(line[2] ?? "").matchAll(/\[#(\d+)\]\(/g)].map((match) => Number(match[1]));
  return { tag: heading3[1], deployed: line[1], pullRequests };
}
var MAX_RELEASE_BODY = 125e3;
function releaseBody(section, changelogPath) {
  if (section.length <= MAX_RELEASE_BODY) return section;
  const note = `

\u2026 cut here: the whole section is in ${changelogPath} and in the tag's message.
`;
  const room = section.slice(0, MAX_RELEASE_BODY - note.length);
  return `${room.slice(0, room.lastIndexOf("\n"))}${note}`;
}

// src/git/changelog-commit.ts
init_define_RELEASE_TRAIN_COMMANDS();
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// src/core/changelog-file.ts
init_define_RELEASE_TRAIN_COMMANDS();
function escapeRegExp2(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function hasSection(changelog, tag) {
  return new RegExp(`^## \\[?${escapeRegExp2(tag)}(?:\\]|\\s|$)`, "m").test(changelog);
}
function prependSection(changelog, section, tag) {
  if (hasSection(changelog, tag)) return changelog;
  const body = `${section.trim()}
`;
  const existing = changelog.replace(/^\uFEFF/, "");
  if (existing.trim() === "") return `# Changelog

${body}`;
  const title = /^# .*\n(?:\s*\n)*/.exec(existing);
  if (title) {
    const rest = existing.slice(title[0].length);
    return `${title[0].trimEnd()}

${body}${rest ? `
${rest}` : ""}`;
  }
  return `${body}
${existing}`;
}

// src/core/train.ts
init_define_RELEASE_TRAIN_COMMANDS();
var CHANGELOG_COMMIT_SUBJECT = "chore(deploy): Update CHANGELOG";
var MERGE_SUBJECT = /^Merge pull request #(\d+) from /;
function originOf(commit, known) {
  if (known.deployed.has(commit.sha)) return { kind: "deployed" };
  const merge = MERGE_SUBJECT.exec(commit.subject);
  if (merge) return { kind: "pull-request", number: Number(merge[1]) };
  const number = known.pullRequestBySha.get(commit.sha);
  if (number !== void 0) return { kind: "pull-request", number };
  if (isOwnChangelogCommit(commit, known.changelog)) return { kind: "changelog" };
  return { kind: "direct-push" };
}
function isOwnChangelogCommit(commit, changelog) {
  return commit.subject === CHANGELOG_COMMIT_SUBJECT && commit.changedFiles !== void 0 && commit.changedFiles.length === 1 && commit.changedFiles[0] === changelog;
}
function isTransparent(origin) {
  return origin.kind === "changelog" || origin.kind === "deployed";
}
function stageBlocker(car, pullRequests, rules) {
  const { origin, commit } = car;
  if (origin.kind === "direct-push") {
    return rules.directPushes === "allow" ? void 0 : { kind: "direct-push", sha: commit.sha, subject: commit.subject };
  }
  if (origin.kind !== "pull-request") return void 0;
  const pr = pullRequests.get(origin.number);
  if (!pr) return { kind: "unknown-pull-request", pullRequest: origin.number, sha: commit.sha };
  const stage = stageOf(pr.labels, rules.stages);
  if (stage !== "waiting-for-production") {
    return { kind: "stage", pullRequest: origin.number, stage, sha: commit.sha };
  }
  return void 0;
}
function approvalCandidates(cars, pullRequests, rules) {
  const candidates = [];
  for (const car of cars) {
    if (stageBlocker(car, pullRequests, rules)) break;
    if (car.origin.kind === "pull-request" && !candidates.includes(car.origin.number)) {
      candidates.push(car.origin.number);
    }
  }
  return candidates;
}
function buildTrain(cars, pullRequests, approvals, rules) {
  const taken = [];
  let blocker;
  let index = 0;
  for (; index < cars.length; index++) {
    const car = cars[index];
    blocker = stageBlocker(car, pullRequests, rules);
    if (!blocker && car.origin.kind === "pull-request") {
      const approval = approvals.get(car.origin.number);
      if (!approval?.byWriter) {
        blocker = {
          kind: "approval",
          pullRequest: car.origin.number,
          appliedBy: approval?.appliedBy,
          sha: car.commit.sha
        };
      }
    }
    if (blocker) break;
    taken.push(car);
  }
  const leftBehind = cars.slice(index);
  const riding = taken.some((car) => !isTransparent(car.origin));
  const pullRequestsTaken = distinct(
    taken.flatMap((car) => car.origin.kind === "pull-request" ? [car.origin.number] : [])
  );
  const blockerNumber = blocker && "pullRequest" in blocker ? blocker.pullRequest : void 0;
  const waiting = distinct(
    leftBehind.flatMap((car) => {
      if (car.origin.kind !== "pull-request" || car.origin.number === blockerNumber) return [];
      const pr = pullRequests.get(car.origin.number);
      return pr && stageOf(pr.labels, rules.stages) === "waiting-for-production" ? [car.origin.number] : [];
    })
  ).filter((number) => !pullRequestsTaken.includes(number));
  return {
    cars: riding ? taken : [],
    pullRequests: pullRequestsTaken,
    target: riding ? taken.at(-1).commit.sha : void 0,
    blocker,
    waiting,
    leftBehind: riding ? leftBehind : cars.slice(0),
    anythingNew: cars.some((car) => !isTransparent(car.origin))
  };
}
function distinct(items) {
  return [...new Set(items)];
}
function blockerSentence(train, stages) {
  const { blocker } = train;
  if (!blocker) return void 0;
  return `${blockerReason(blocker, stages)}; ${waitingClause(train.waiting)}`;
}
function blockerReason(blocker, stages) {
  switch (blocker.kind) {
    case "stage":
      return blocker.stage ? `#${blocker.pullRequest} is in ${stages[blocker.stage].name}` : `#${blocker.pullRequest} carries no stage label`;
    case "approval":
      return blocker.appliedBy ? `#${blocker.pullRequest} is in ${stages["waiting-for-production"].name}, but @${blocker.appliedBy} who applied that label has no write access` : `#${blocker.pullRequest} is in ${stages["waiting-for-production"].name}, but nobody with write access applied that label`;
    case "unknown-pull-request":
      return `#${blocker.pullRequest} (commit ${blocker.sha.slice(0, 7)}) could not be read from GitHub`;
    case "direct-push":
      return `${blocker.sha.slice(0, 7)} "${blocker.subject}" was pushed without a pull request (config direct-pushes: block)`;
  }
}
function waitingClause(waiting) {
  const list2 = waiting.map((number) => `#${number}`).join(" ");
  if (waiting.length === 0) return "no ready PR waits behind it";
  if (waiting.length === 1) return `1 ready PR waits behind it: ${list2}`;
  return `${waiting.length} ready PRs wait behind it: ${list2}`;
}
function commitsToReplay(train) {
  return train.cars.filter((car) => car.origin.kind !== "deployed").map((car) => car.commit);
}

// src/git/deploy-push.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/git/git.ts
init_define_RELEASE_TRAIN_COMMANDS();
import { spawn } from "node:child_process";
var GitError = class extends Error {
  constructor(args, result) {
    super(
      `git ${args.join(" ")} failed (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}`
    );
    this.args = args;
    this.result = result;
  }
  args;
  result;
  name = "GitError";
};
var BOT_IDENTITY = {
  name: "github-actions[bot]",
  email: "41898282+github-actions[bot]@users.noreply.github.com"
};
var Git = class {
  constructor(cwd, baseEnv = process.env) {
    this.cwd = cwd;
    this.baseEnv = baseEnv;
  }
  cwd;
  baseEnv;
  /** Runs git and returns its output; a non-zero exit throws a GitError. */
  async run(args, options = {}) {
    const result = await this.attempt(args, options);
    if (result.code !== 0) throw new GitError(args, result);
    return result.stdout;
  }
  /** Runs git and returns the outcome whatever it is. */
  attempt(args, options = {}) {
    const fullArgs = [
      "-c",
      "core.hooksPath=/dev/null",
      "-c",
      "commit.gpgSign=false",
      "-c",
      "tag.gpgSign=false",
      "-c",
      "advice.detachedHead=false",
      ...args
    ];
    return new Promise((resolve, reject) => {
      const child = spawn("git", fullArgs, {
        cwd: options.cwd ?? this.cwd,
        env: { ...this.baseEnv, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", ...options.env },
        stdio: ["pipe", "pipe", "pipe"]
      });
      const out = [];
      const err = [];
      child.stdout.on("data", (chunk) => out.push(chunk));
      child.stderr.on("data", (chunk) => err.push(chunk));
      child.on("error", reject);
      child.on(
        "close",
        (code2) => resolve({
          code: code2 ?? 1,
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8")
        })
      );
      child.stdin.on("error", () => {
      });
      child.stdin.end(options.input ?? "");
    });
  }
  /** The identity the checkout is configured with, or the bot's. */
  async identity() {
    const name = (await this.attempt(["config", "user.name"])).stdout.trim();
    const email = (await this.attempt(["config", "user.email"])).stdout.trim();
    return name && email ? { name, email } : BOT_IDENTITY;
  }
};
function authorship(who, when, options = {}) {
  const date = when.toISOString();
  const env = {
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
    GIT_COMMITTER_DATE: date
  };
  if (options.author)
    Object.assign(env, { GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_AUTHOR_DATE: date });
  return env;
}

// src/git/deploy-push.ts
async function createDeployTag(git, options) {
  await git.run(
    ["tag", "--annotate", "--force", "--cleanup=verbatim", "--file=-", options.name, options.target],
    {
      input: options.message,
      env: authorship(options.tagger, options.now)
    }
  );
}
var RACE = /stale info|fetch first|non-fast-forward|already exists|cannot lock|failed to lock|failed to update ref|incorrect old value|atomic transaction failed/;
function readPushReport(stdout) {
  return stdout.split("\n").map((line) => line.split("	")).filter((fields) => fields.length >= 3 && fields[0].length === 1).map(([flag, refs, summary]) => ({ flag, ref: refs.split(":").at(-1), summary }));
}
async function pushDeploy(git, options) {
  const production = `refs/heads/${options.productionBranch}`;
  const tag = `refs/tags/${options.tag}`;
  const result = await git.attempt([
    "push",
    "--porcelain",
    "--atomic",
    `--force-with-lease=${production}:${options.expected}`,
    options.remote,
    `${options.target}:${production}`,
    `${tag}:${tag}`
  ]);
  const lines = readPushReport(result.stdout);
  if (result.code === 0) {
    if (lines.some((line) => line.ref === production && line.flag === "=")) {
      throw new ReleaseTrainError(
        "lease-lost",
        `Another run moved ${options.productionBranch} to ${options.target.slice(0, 7)} with ${options.tag} first. Nothing was written by this run; that run finishes the deploy.`,
        { push: lines }
      );
    }
    return;
  }
  const reasons = lines.filter((line) => line.flag === "!").map((line) => line.summary);
  const raced = reasons.some((reason) => RACE.test(reason)) && !reasons.some((reason) => /hook declined|protected/.test(reason));
  const why = lines.filter((line) => line.flag === "!").map((line) => `${line.ref}: ${line.summary}`).join("; ");
  if (raced) {
    throw new ReleaseTrainError(
      "lease-lost",
      `Someone moved ${options.productionBranch} or created ${options.tag} since this run looked (${why}). Nothing was written: the atomic push changed neither production nor the tags. Run again to plan from where production is now.`,
      { push: lines }
    );
  }
  throw new ReleaseTrainError(
    "push-rejected",
    `The remote refused the push of ${options.productionBranch} and ${options.tag} (${why || result.stderr.trim()}). Nothing was written: the push is atomic. Check the branch protection and the token (contents: write), then run again.`,
    { push: lines, stderr: result.stderr.trim() }
  );
}

// src/git/history.ts
init_define_RELEASE_TRAIN_COMMANDS();
async function readRemoteRefs(git, remote) {
  const out = await git.run(["ls-remote", "--heads", "--tags", remote]);
  const branches = /* @__PURE__ */ new Map();
  const tags = /* @__PURE__ */ new Map();
  for (const line of out.split("\n").filter(Boolean)) {
    const [sha, ref] = line.split("	");
    if (ref.startsWith("refs/heads/")) branches.set(ref.slice("refs/heads/".length), sha);
    else if (ref.startsWith("refs/tags/")) {
      const name = ref.slice("refs/tags/".length);
      if (name.endsWith("^{}")) tags.set(name.slice(0, -3), sha);
      else if (!tags.has(name)) tags.set(name, sha);
    }
  }
  return { branches, tags };
}
function trackingRef(remote, branch) {
  return `refs/remotes/${remote}/${branch}`;
}
async function fetchDeployRefs(git, remote, branches) {
  const shallow = (await git.run(["rev-parse", "--is-shallow-repository"])).trim() === "true";
  await git.run([
    "fetch",
    "--quiet",
    "--no-tags",
    ...shallow ? ["--unshallow"] : [],
    remote,
    ...branches.map((branch) => `+refs/heads/${branch}:${trackingRef(remote, branch)}`),
    "+refs/tags/*:refs/tags/*"
  ]);
}
async function fetchBranch(git, remote, branch) {
  await git.run([
    "fetch",
    "--quiet",
    "--no-tags",
    remote,
    `+refs/heads/${branch}:${trackingRef(remote, branch)}`
  ]);
  return revParse(git, trackingRef(remote, branch));
}
async function revParse(git, ref) {
  return (await git.run(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])).trim();
}
async function mergeBase(git, a, b) {
  const result = await git.attempt(["merge-base", a, b]);
  return result.code === 0 ? result.stdout.trim() : void 0;
}
async function isAncestor(git, ancestor, descendant) {
  const result = await git.attempt(["merge-base", "--is-ancestor", ancestor, descendant]);
  if (result.code > 1) throw new Error(`git merge-base --is-ancestor failed: ${result.stderr.trim()}`);
  return result.code === 0;
}
var FIELD = "";
var RECORD = "";
async function firstParentHistory(git, base, tip) {
  const out = await git.run([
    "log",
    "--first-parent",
    "--reverse",
    `--format=%H${FIELD}%P${FIELD}%cI${FIELD}%s${FIELD}%b${RECORD}`,
    `${base}..${tip}`
  ]);
  return out.split(RECORD).map((record) => record.replace(/^\n/, "")).filter((record) => record.trim() !== "").map((record) => {
    const [sha, parents, committedAt, subject, body] = record.split(FIELD);
    return { sha, parents: parents.split(" ").filter(Boolean), committedAt, subject, body: body.trimEnd() };
  });
}
async function changedFiles(git, sha) {
  const out = await git.run(["diff-tree", "--no-commit-id", "--name-only", "-r", sha]);
  return out.split("\n").filter(Boolean);
}
async function replayedCommits(git, base, production) {
  const out = await git.run(["log", `--format=%B${RECORD}`, `${base}..${production}`]);
  return new Set(
    [...out.matchAll(/\(cherry picked from commit ([0-9a-f]{40})\)/g)].map((match) => match[1])
  );
}
async function originalCommit(git, sha) {
  const message = await git.run(["log", "-1", "--format=%B", sha]);
  const picks = [...message.matchAll(/\(cherry picked from commit ([0-9a-f]{40})\)/g)];
  return picks.at(-1)?.[1] ?? sha;
}
async function tagsMergedInto(git, ref) {
  const out = await git.run(["tag", "--merged", ref, "--sort=-creatordate"]);
  return out.split("\n").filter(Boolean);
}
async function tagMessage(git, tag) {
  const type = await git.attempt(["cat-file", "-t", `refs/tags/${tag}`]);
  if (type.code !== 0 || type.stdout.trim() !== "tag") return void 0;
  const raw = await git.run(["cat-file", "tag", `refs/tags/${tag}`]);
  const start = raw.indexOf("\n\n");
  return start === -1 ? "" : raw.slice(start + 2);
}
async function tagDate(git, tag) {
  const result = await git.attempt(["for-each-ref", "--format=%(taggerdate:unix)", `refs/tags/${tag}`]);
  const seconds = Number.parseInt(result.stdout.trim(), 10);
  return result.code === 0 && Number.isFinite(seconds) ? new Date(seconds * 1e3) : void 0;
}
async function readFileAt(git, ref, path) {
  const result = await git.attempt(["cat-file", "blob", `${ref}:${path}`]);
  return result.code === 0 ? result.stdout : void 0;
}

// src/git/changelog-commit.ts
async function commitChangelog(git, options) {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const tip = await fetchBranch(git, options.remote, options.branch);
    const current = await readFileAt(git, tip, options.path) ?? "";
    if (hasSection(current, options.tag)) return { sha: void 0, alreadyThere: true, attempts: attempt };
    const commit = await changelogCommitOn(git, tip, {
      ...options,
      content: prependSection(current, options.section, options.tag)
    });
    const push = await git.attempt([
      "push",
      "--porcelain",
      options.remote,
      `${commit}:refs/heads/${options.branch}`
    ]);
    if (push.code === 0) return { sha: commit, alreadyThere: false, attempts: attempt };
    const lines = readPushReport(push.stdout);
    const raced = lines.some(
      (line) => /fetch first|non-fast-forward|stale info|cannot lock|failed to lock|failed to update ref|incorrect old value/.test(
        line.summary
      )
    );
    if (!raced) {
      const why = lines.map((line) => line.summary).join("; ") || push.stderr.trim();
      throw new ReleaseTrainError(
        "changelog-push-rejected",
        `The remote refused the CHANGELOG commit on ${options.branch} (${why}). Production and the tag ${options.tag} are already deployed; ${options.branch} is unchanged. Allow the token to push to ${options.branch} (or relax its protection for this commit), then rerun: the rerun finishes the remaining steps.`,
        { stderr: push.stderr.trim() }
      );
    }
  }
  throw new ReleaseTrainError(
    "changelog-race",
    `${options.branch} kept moving: the CHANGELOG commit lost the race ${maxAttempts} times. Production and the tag ${options.tag} are deployed; ${options.branch} is unchanged. Rerun when merges calm down: the rerun finishes the remaining steps.`
  );
}
async function changelogCommitOn(git, tip, options) {
  const index = join(tmpdir(), `release-train-index-${randomUUID()}`);
  const env = { GIT_INDEX_FILE: index };
  try {
    const blob = (await git.run(["hash-object", "-w", "--stdin"], { input: options.content })).trim();
    const listed = (await git.run(["ls-tree", tip, "--", options.path])).trim();
    const mode = /^(100644|100755) blob /.exec(listed)?.[1] ?? "100644";
    await git.run(["read-tree", tip], { env });
    await git.run(["update-index", "--add", "--cacheinfo", `${mode},${blob},${options.path}`], { env });
    const tree = (await git.run(["write-tree"], { env })).trim();
    const message = `${CHANGELOG_COMMIT_SUBJECT}

Adds the section of ${options.tag}.
`;
    return (await git.run(["commit-tree", tree, "-p", tip, "-F", "-"], {
      input: message,
      env: authorship(options.author, options.now, { author: true })
    })).trim();
  } finally {
    await rm(index, { force: true });
  }
}

// src/github/commit-pulls.ts
init_define_RELEASE_TRAIN_COMMANDS();
function toMerged(pr) {
  return {
    number: pr.number,
    title: pr.title,
    body: pr.body,
    labels: pr.labels.map((label2) => label2.name ?? "").filter(Boolean),
    mergedAt: pr.merged_at,
    mergeCommitSha: pr.merge_commit_sha,
    url: pr.html_url
  };
}
var SLACK_MS = 24 * 36e5;
async function indexPullRequests(github, repo, options) {
  const index = { bySha: /* @__PURE__ */ new Map(), pulls: /* @__PURE__ */ new Map() };
  const wanted = new Set(options.history.map((commit) => commit.sha));
  const unmapped = new Set(
    options.history.filter((commit) => !options.skip.has(commit.sha)).map((commit) => commit.sha)
  );
  const named = new Set(options.named);
  const dates = options.history.map((commit) => Date.parse(commit.committedAt ?? "")).filter(Number.isFinite);
  const oldest = dates.length > 0 ? Math.min(...dates) - SLACK_MS : Number.NEGATIVE_INFINITY;
  const done = () => unmapped.size === 0 && [...named].every((number) => index.pulls.has(number));
  if (!done()) {
    for (let page = 1; ; page++) {
      const { data } = await github.rest.pulls.list({
        ...repo,
        state: "closed",
        base: options.base,
        sort: "updated",
        direction: "desc",
        per_page: 100,
        page
      });
      for (const pr of data) {
        if (!pr.merged_at) continue;
        const sha = pr.merge_commit_sha;
        if (sha && wanted.has(sha) || named.has(pr.number)) index.pulls.set(pr.number, toMerged(pr));
        if (sha && wanted.has(sha)) {
          index.bySha.set(sha, pr.number);
          unmapped.delete(sha);
        }
      }
      const last = data.at(-1);
      if (data.length < 100 || done() || !last || Date.parse(last.updated_at) < oldest) break;
    }
  }
  for (const number of named) {
    if (index.pulls.has(number)) continue;
    const pr = await readPullRequest(github, repo, number);
    if (pr) index.pulls.set(number, pr);
  }
  return index;
}
async function readPullRequest(github, repo, number) {
  try {
    return toMerged((await github.rest.pulls.get({ ...repo, pull_number: number })).data);
  } catch (error) {
    if (error.status === 404) return void 0;
    throw error;
  }
}
async function pullRequestOfCommit(github, repo, sha, base) {
  const { data } = await github.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
  const merged = data.find((pr) => pr.merged_at && pr.base.ref === base);
  return merged ? toMerged(merged) : void 0;
}

// src/github/deployment.ts
init_define_RELEASE_TRAIN_COMMANDS();
function taskFor(component) {
  return component ? `deploy:${component}` : "deploy";
}
async function findDeployment(github, repo, target) {
  const { data } = await github.rest.repos.listDeployments({
    ...repo,
    environment: target.environment,
    sha: target.sha,
    task: taskFor(target.component),
    per_page: 100
  });
  const ours = data.find((deployment) => {
    const payload = deployment.payload;
    return typeof payload === "object" && payload.tool === "release-train" && payload.tag === target.tag;
  });
  if (!ours) return void 0;
  const { data: statuses } = await github.rest.repos.listDeploymentStatuses({
    ...repo,
    deployment_id: ours.id,
    per_page: 1
  });
  const newest = statuses[0];
  return {
    id: ours.id,
    state: newest?.state,
    runUrl: newest?.log_url ?? void 0,
    updatedAt: newest?.created_at ?? ours.updated_at
  };
}
async function openDeployment(github, repo, target) {
  let deployment = await findDeployment(github, repo, target);
  if (!deployment) {
    const payload = {
      tool: "release-train",
      tag: target.tag,
      pull_requests: target.pullRequests,
      ...target.component ? { component: target.component } : {}
    };
    const { data } = await github.rest.repos.createDeployment({
      ...repo,
      ref: target.tag,
      task: taskFor(target.component),
      environment: target.environment,
      production_environment: true,
      auto_merge: false,
      required_contexts: [],
      payload,
      description: target.description.slice(0, 140)
    });
    if (!("id" in data)) throw new Error(`GitHub did not create the deployment: ${JSON.stringify(data)}`);
    deployment = { id: data.id, state: void 0, runUrl: void 0, updatedAt: void 0 };
  }
  return setDeploymentState(github, repo, deployment.id, {
    state: "in_progress",
    environment: target.environment,
    runUrl: target.runUrl,
    description: target.description
  });
}
async function setDeploymentState(github, repo, id, options) {
  const { data } = await github.rest.repos.createDeploymentStatus({
    ...repo,
    deployment_id: id,
    state: options.state,
    environment: options.environment,
    description: options.description.slice(0, 140),
    ...options.runUrl ? { log_url: options.runUrl } : {},
    auto_inactive: true
  });
  return { id, state: options.state, runUrl: options.runUrl, updatedAt: data.created_at };
}

// src/github/release.ts
init_define_RELEASE_TRAIN_COMMANDS();
async function findRelease(github, repo, tag) {
  try {
    const { data } = await github.rest.repos.getReleaseByTag({ ...repo, tag });
    return { id: data.id, url: data.html_url, created: false };
  } catch (error) {
    if (error.status === 404) return void 0;
    throw error;
  }
}
async function ensureRelease(github, repo, options) {
  const existing = await findRelease(github, repo, options.tag);
  if (existing) return existing;
  try {
    const { data } = await github.rest.repos.createRelease({
      ...repo,
      tag_name: options.tag,
      name: options.tag,
      body: options.notes,
      draft: false,
      prerelease: false
    });
    return { id: data.id, url: data.html_url, created: true };
  } catch (error) {
    if (error.status === 422) {
      const raced = await findRelease(github, repo, options.tag);
      if (raced) return raced;
    }
    throw error;
  }
}

// src/actions/promote/deploy.ts
function deployOf(plan) {
  if (plan.kind === "resume") {
    return {
      tag: plan.tag,
      section: plan.section,
      deployed: plan.deployed,
      target: plan.target,
      pullRequests: plan.pullRequests,
      doneEarlier: plan.progress,
      doneNow: {},
      moves: []
    };
  }
  return {
    tag: plan.tag.name,
    section: plan.section,
    deployed: plan.productionTarget,
    target: plan.train.target,
    pullRequests: plan.train.pullRequests,
    doneEarlier: nothingDone(),
    doneNow: {},
    moves: []
  };
}
function stepsToDo(deploy2) {
  return DEPLOY_STEPS.filter((step) => !deploy2.doneEarlier[step]);
}
async function moveProduction(p, plan, deploy2) {
  if (!plan.tag.reused) {
    await createDeployTag(p.git, {
      name: deploy2.tag,
      target: deploy2.deployed,
      message: deploy2.section,
      tagger: await p.git.identity(),
      now: p.now
    });
  }
  await pushDeploy(p.git, {
    remote: p.remote,
    productionBranch: p.productionBranch,
    expected: plan.productionSha,
    target: deploy2.deployed,
    tag: deploy2.tag
  });
  deploy2.doneNow["move-production"] = `${p.productionBranch} -> ${deploy2.deployed.slice(0, 7)}${plan.replay ? " (replayed onto the hotfixes)" : ""}, tag ${deploy2.tag}`;
}
async function writeChangelog2(p, deploy2) {
  const result = await commitChangelog(p.git, {
    remote: p.remote,
    branch: p.defaultBranch,
    path: p.config.changelog,
    section: deploy2.section,
    tag: deploy2.tag,
    author: await p.git.identity(),
    now: p.now
  });
  deploy2.changelog = result;
  deploy2.doneNow.changelog = result.alreadyThere ? `${p.config.changelog} already had the section` : `${result.sha.slice(0, 7)} on ${p.defaultBranch}${result.attempts > 1 ? ` (after ${result.attempts - 1} race(s) with other pushes)` : ""}`;
}
async function publishRelease(p, deploy2) {
  deploy2.release = await ensureRelease(p.github, p.repo, {
    tag: deploy2.tag,
    notes: releaseBody(deploy2.section, p.config.changelog)
  });
  deploy2.doneNow.release = `${deploy2.release.created ? "created" : "already there"}: ${deploy2.release.url}`;
}
async function markDone(p, deploy2, known = /* @__PURE__ */ new Map()) {
  const { stages } = p.config;
  for (const number of deploy2.pullRequests) {
    const pr = known.get(number) ?? await readPullRequest(p.github, p.repo, number);
    if (!pr) continue;
    const links = await resolveIssueLinks(p.github, p.repo, pr);
    for (const issue of links.issues) {
      deploy2.moves.push(
        await moveToStage(p.github, issue, "issue", "done", stages, {
          dryRun: false,
          currentLabels: issue.labels
        })
      );
    }
    const target = { ...p.repo, number };
    deploy2.moves.push(
      await moveToStage(p.github, target, "pull request", "done", stages, {
        dryRun: false,
        currentLabels: pr.labels
      })
    );
  }
  const changed = deploy2.moves.filter((move) => move.added.length > 0 || move.removed.length > 0).length;
  deploy2.doneNow.labels = `${changed} of ${deploy2.moves.length} PR(s) and issue(s) moved to ${stages.done.name}`;
}
function deploymentTarget(p, deploy2) {
  return {
    environment: "production",
    sha: deploy2.deployed,
    tag: deploy2.tag,
    component: p.component,
    runUrl: p.runUrl,
    description: `${deploy2.tag}: ${deploy2.pullRequests.map((number) => `#${number}`).join(" ") || "no PRs"}`
  };
}
async function openProductionDeployment(p, deploy2) {
  deploy2.deployment = await openDeployment(p.github, p.repo, {
    ...deploymentTarget(p, deploy2),
    pullRequests: deploy2.pullRequests
  });
  deploy2.doneNow["open-deployment"] = `deployment ${deploy2.deployment.id} to production: in progress`;
}
async function closeProductionDeployment(p, deploy2) {
  const target = deploymentTarget(p, deploy2);
  const id = deploy2.deployment?.id ?? (await findDeployment(p.github, p.repo, target))?.id;
  if (id === void 0) throw new Error(`The deployment of ${deploy2.tag} is gone; rerun to open it again.`);
  deploy2.deployment = await setDeploymentState(p.github, p.repo, id, { ...target, state: "success" });
  deploy2.doneNow["close-deployment"] = `deployment ${id} to production: success`;
}
async function markDeploymentUnfinished(p, deploy2, why) {
  const target = deploymentTarget(p, deploy2);
  const id = deploy2.deployment?.id ?? (await findDeployment(p.github, p.repo, target))?.id;
  if (id === void 0) return;
  await setDeploymentState(p.github, p.repo, id, {
    ...target,
    state: "error",
    description: `deployed; ${deploy2.failedAt} failed (${why}): rerun to finish`
  });
}

// src/actions/promote/plan.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/core/tag-name.ts
init_define_RELEASE_TRAIN_COMMANDS();
function utcDate(now) {
  return now.toISOString().slice(0, 10);
}
function escapeRegExp3(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function deployTagPattern(format) {
  const [before, after] = format.split("{date}").map(escapeRegExp3);
  return new RegExp(`^${before}(\\d{4}-\\d{2}-\\d{2})${after}(?:\\.(\\d+))?$`);
}
function isDeployTag(name, format) {
  return deployTagPattern(format).test(name);
}
function chooseTag(options) {
  const reuse = options.atTarget.filter((name) => isDeployTag(name, options.format)).sort(deployTagOrder(options.format));
  if (reuse.length > 0) return { name: reuse.at(-1), reused: true };
  const base = options.format.replace("{date}", utcDate(options.now));
  const taken = new Set(options.existing);
  if (!taken.has(base)) return { name: base, reused: false };
  for (let sequence = 2; ; sequence++) {
    const name = `${base}.${sequence}`;
    if (!taken.has(name)) return { name, reused: false };
  }
}
function deployTagOrder(format) {
  const pattern = deployTagPattern(format);
  const key = (name) => {
    const match = pattern.exec(name);
    return [match?.[1] ?? "", Number(match?.[2] ?? 1)];
  };
  return (a, b) => {
    const [dateA, seqA] = key(a);
    const [dateB, seqB] = key(b);
    return dateA === dateB ? seqA - seqB : dateA.localeCompare(dateB);
  };
}

// src/git/replay.ts
init_define_RELEASE_TRAIN_COMMANDS();
import { mkdtemp, rm as rm2 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join2 } from "node:path";
async function replayOnto(git, options) {
  const folder = await mkdtemp(join2(tmpdir2(), "release-train-replay-"));
  const worktree = join2(folder, "worktree");
  const committer = options.committer ?? BOT_IDENTITY;
  try {
    await git.run(["worktree", "add", "--detach", "--quiet", worktree, options.onto]);
    for (const commit of options.commits) {
      const env = authorship(committer, new Date(commit.committedAt ?? 0));
      const result = await git.attempt(
        [
          "cherry-pick",
          "-x",
          "--keep-redundant-commits",
          "--allow-empty",
          ...commit.parents.length > 1 ? ["-m", "1"] : [],
          commit.sha
        ],
        { cwd: worktree, env }
      );
      if (result.code !== 0) {
        const conflict = await conflictOf(git, worktree, commit, result.stderr);
        throw new ReleaseTrainError(
          "conflict-on-replay",
          `Production has commits of its own, and replaying the train onto it conflicts at ${commit.sha.slice(0, 7)} "${commit.subject}" in: ${conflict.files.join(", ") || "(see the log)"}. Nothing was pushed: production, the tags, the default branch and every label are as they were. Bring the hotfixes from production into the default branch (resolving these files), then run again.`,
          { conflict }
        );
      }
    }
    return (await git.run(["rev-parse", "HEAD"], { cwd: worktree })).trim();
  } finally {
    await git.attempt(["worktree", "remove", "--force", worktree]);
    await rm2(folder, { recursive: true, force: true });
    await git.attempt(["worktree", "prune"]);
  }
}
async function conflictOf(git, worktree, commit, stderr) {
  const unmerged = await git.attempt(["diff", "--name-only", "--diff-filter=U"], { cwd: worktree });
  const files = unmerged.stdout.split("\n").filter(Boolean);
  await git.attempt(["cherry-pick", "--abort"], { cwd: worktree });
  if (files.length === 0) {
    const lines = stderr.split("\n").filter((line) => /error|conflict/i.test(line));
    return { sha: commit.sha, subject: commit.subject, files: lines.slice(0, 5) };
  }
  return { sha: commit.sha, subject: commit.subject, files };
}

// src/github/label-events.ts
init_define_RELEASE_TRAIN_COMMANDS();
async function labelAppliers(github, repo, number) {
  const appliers = /* @__PURE__ */ new Map();
  const events = await github.paginate(github.rest.issues.listEvents, {
    ...repo,
    issue_number: number,
    per_page: 100
  });
  for (const event of events) {
    const name = event.label?.name;
    if (!name) continue;
    if (event.event === "labeled" && event.actor?.login) appliers.set(name, event.actor.login);
    if (event.event === "unlabeled") appliers.delete(name);
  }
  return appliers;
}
async function labelAppliersInRepo(github, repo, options) {
  const appliers = /* @__PURE__ */ new Map();
  const wanted = new Set(options.numbers);
  const label2 = options.label.toLowerCase();
  const since = options.since ? Date.parse(options.since) : Number.NEGATIVE_INFINITY;
  const maxPages = options.maxPages ?? Math.ceil(wanted.size / 5) + 2;
  if (wanted.size > 0) {
    for (let page = 1; page <= maxPages; page++) {
      const { data } = await github.rest.issues.listEventsForRepo({ ...repo, per_page: 100, page });
      for (const event of data) {
        const number = event.issue?.number;
        if (number === void 0 || !wanted.has(number) || appliers.has(number)) continue;
        if ((event.label?.name ?? "").toLowerCase() !== label2) continue;
        if (event.event === "labeled") appliers.set(number, event.actor?.login);
        else if (event.event === "unlabeled") appliers.set(number, void 0);
      }
      const last = data.at(-1);
      const done = [...wanted].every((number) => appliers.has(number));
      if (done || data.length < 100 || !last || Date.parse(last.created_at) < since) break;
    }
  }
  for (const number of wanted) {
    if (appliers.has(number)) continue;
    const one = await labelAppliers(github, repo, number);
    const found = [...one.entries()].find(([name]) => name.toLowerCase() === label2);
    appliers.set(number, found?.[1]);
  }
  return appliers;
}

// src/actions/promote/plan.ts
var MAX_COMMIT_LOOKUPS = 50;
async function planPromotion(p) {
  const remoteRefs = await readRemoteRefs(p.git, p.remote);
  for (const branch of [p.defaultBranch, p.productionBranch]) {
    if (!remoteRefs.branches.has(branch)) {
      throw new ReleaseTrainError(
        branch === p.productionBranch ? "no-production-branch" : "no-default-branch",
        `The branch "${branch}" does not exist on ${p.repo.owner}/${p.repo.repo}. Nothing was changed. ` + (branch === p.productionBranch ? `Create it at the commit production runs today (git push origin <sha>:refs/heads/${branch}), or set production-branch in .github/release-train.yml.` : "Set default-branch in .github/release-train.yml.")
      );
    }
  }
  await fetchDeployRefs(p.git, p.remote, [p.defaultBranch, p.productionBranch]);
  const defaultSha = await revParse(p.git, trackingRef(p.remote, p.defaultBranch));
  const productionSha = await revParse(p.git, trackingRef(p.remote, p.productionBranch));
  const unfinished = await findUnfinishedDeploy(p, remoteRefs, defaultSha, productionSha);
  if (unfinished) return unfinished;
  return planTrain(p, remoteRefs, defaultSha, productionSha);
}
async function planTrain(p, remoteRefs, defaultSha, productionSha) {
  const base = await mergeBase(p.git, productionSha, defaultSha);
  if (!base) {
    throw new ReleaseTrainError(
      "unrelated-histories",
      `${p.productionBranch} and ${p.defaultBranch} share no history. Nothing was changed; point ${p.productionBranch} at a commit of ${p.defaultBranch}.`
    );
  }
  const changelogPath = p.config.changelog;
  const history = await firstParentHistory(p.git, base, defaultSha);
  const deployed = base === productionSha ? /* @__PURE__ */ new Set() : await replayedCommits(p.git, base, productionSha);
  for (const commit of history) {
    if (commit.subject === CHANGELOG_COMMIT_SUBJECT)
      commit.changedFiles = await changedFiles(p.git, commit.sha);
  }
  const empty = { pullRequestBySha: /* @__PURE__ */ new Map(), deployed, changelog: changelogPath };
  const first = history.map((commit) => originOf(commit, empty));
  const named = first.flatMap((origin) => origin.kind === "pull-request" ? [origin.number] : []);
  const skip = new Set(
    history.filter((_, at) => first[at].kind !== "direct-push").map((commit) => commit.sha)
  );
  const index = await indexPullRequests(p.github, p.repo, { base: p.defaultBranch, history, named, skip });
  const rules = { stages: p.config.stages, directPushes: p.config["direct-pushes"] };
  const { cars, lookups, unchecked } = await classify(p, history, index, deployed, rules);
  const candidates = approvalCandidates(cars, index.pulls, rules);
  const approvals = await readApprovals(p, index.pulls, candidates);
  const train = buildTrain(cars, index.pulls, approvals, rules);
  let replay = false;
  let productionTarget;
  let tag;
  let section;
  const issues = /* @__PURE__ */ new Map();
  if (train.target) {
    replay = !await isAncestor(p.git, productionSha, train.target);
    productionTarget = replay ? await replayOnto(p.git, { onto: productionSha, commits: commitsToReplay(train) }) : train.target;
    const atTarget = [...remoteRefs.tags.entries()].filter(([, sha]) => sha === productionTarget).map(([name]) => name);
    tag = chooseTag({
      format: p.config["tag-format"],
      now: p.now,
      existing: [...remoteRefs.tags.keys()],
      atTarget
    });
    for (const number of train.pullRequests) {
      const pr = index.pulls.get(number);
      const refs = linkedIssues(`${pr.title}
${pr.body ?? ""}`, p.repo).filter(
        (ref) => isSameRepo(ref, p.repo)
      );
      issues.set(
        number,
        refs.map((ref) => ref.number).filter((issue) => issue !== number)
      );
    }
    section = await renderSection({
      tag: tag.name,
      date: utcDate(p.now),
      deployed: productionTarget,
      pullRequests: train.pullRequests,
      commits: noteCommits(train, index.pulls, issues),
      links: p.links
    });
  }
  const fingerprint = planFingerprint({
    defaultSha,
    productionSha,
    target: train.target,
    labels: new Map([...index.pulls.values()].map((pr) => [pr.number, pr.labels])),
    approvals: new Map([...approvals.entries()].map(([number, approval]) => [number, approval.appliedBy]))
  });
  return {
    kind: "train",
    defaultSha,
    productionSha,
    mergeBase: base,
    cars,
    pulls: index.pulls,
    approvals,
    train,
    replay,
    productionTarget,
    tag,
    section,
    issues,
    blocker: blockerSentence(train, p.config.stages),
    fingerprint,
    lookups,
    unchecked
  };
}
async function classify(p, history, index, deployed, rules) {
  const known = { pullRequestBySha: index.bySha, deployed, changelog: p.config.changelog };
  const cars = [];
  const unchecked = /* @__PURE__ */ new Set();
  let lookups = 0;
  let blocked = false;
  for (const commit of history) {
    let origin = originOf(commit, known);
    if (origin.kind === "direct-push" && (blocked || lookups >= MAX_COMMIT_LOOKUPS))
      unchecked.add(commit.sha);
    else if (origin.kind === "direct-push") {
      lookups++;
      const pr = await pullRequestOfCommit(p.github, p.repo, commit.sha, p.defaultBranch);
      if (pr) {
        index.bySha.set(commit.sha, pr.number);
        if (!index.pulls.has(pr.number)) index.pulls.set(pr.number, pr);
        origin = originOf(commit, known);
      }
    }
    const car = { commit, origin };
    cars.push(car);
    if (!blocked && stageBlocker(car, index.pulls, rules)) blocked = true;
  }
  return { cars, lookups, unchecked };
}
async function readApprovals(p, pulls, candidates) {
  const approvals = /* @__PURE__ */ new Map();
  if (candidates.length === 0) return approvals;
  const merged = candidates.map((number) => pulls.get(number)?.mergedAt).filter((date) => !!date);
  const appliers = await labelAppliersInRepo(p.github, p.repo, {
    label: p.config.stages["waiting-for-production"].name,
    numbers: candidates,
    since: merged.sort()[0]
  });
  const access = new WriteAccess(p.github, p.repo);
  for (const number of candidates) {
    const appliedBy = appliers.get(number);
    approvals.set(number, { appliedBy, byWriter: appliedBy ? await access.has(appliedBy) : false });
  }
  return approvals;
}
function noteCommits(train, pulls, issues) {
  return train.cars.filter((car) => car.origin.kind === "pull-request" || car.origin.kind === "direct-push").map((car) => {
    const number = car.origin.kind === "pull-request" ? car.origin.number : void 0;
    const pr = number === void 0 ? void 0 : pulls.get(number);
    const { commit } = car;
    return {
      sha: commit.sha,
      message: commit.body ? `${commit.subject}

${commit.body}` : commit.subject,
      isMerge: commit.parents.length > 1,
      ...pr ? { pullRequest: { number: pr.number, title: pr.title } } : {},
      issues: number === void 0 ? [] : issues.get(number) ?? []
    };
  });
}
async function findUnfinishedDeploy(p, remoteRefs, defaultSha, productionSha) {
  const format = p.config["tag-format"];
  const tags = (await tagsMergedInto(p.git, trackingRef(p.remote, p.productionBranch))).filter((name) => isDeployTag(name, format) && remoteRefs.tags.has(name)).sort(deployTagOrder(format)).reverse();
  let found;
  for (const tag2 of tags.slice(0, 3)) {
    const section2 = await tagMessage(p.git, tag2);
    const facts3 = section2 === void 0 ? void 0 : readSection(section2);
    if (section2 !== void 0 && facts3 && facts3.tag === tag2) {
      found = { tag: tag2, section: section2, facts: facts3 };
      break;
    }
  }
  if (!found) return void 0;
  const { tag, section, facts: facts2 } = found;
  const deployed = remoteRefs.tags.get(tag);
  const deployment = { environment: "production", sha: deployed, tag, component: p.component };
  let record = await findDeployment(p.github, p.repo, deployment);
  if (!record && mayBeOpening(await tagDate(p.git, tag), p.now)) {
    for (let waited = 0; !record && waited < DEPLOYMENT_GAP_MS; waited += 1e3) {
      await new Promise((resolve) => setTimeout(resolve, 1e3));
      record = await findDeployment(p.github, p.repo, deployment);
    }
  }
  if (record?.state === "success") return void 0;
  if (!mayResume(record, { runUrl: p.runUrl, now: p.now })) {
    throw new ReleaseTrainError(
      "deploy-in-progress",
      `Another run is deploying ${tag} right now (its deployment is in progress${record?.runUrl ? `: ${record.runUrl}` : ""}). Nothing was changed. Wait for it to finish; if that run died, rerun it, or run again after 15 minutes to take over.`,
      { tag, deployment: record?.id }
    );
  }
  const changelog = await readFileAt(p.git, defaultSha, p.config.changelog) ?? "";
  const pulls = await Promise.all(
    facts2.pullRequests.map((number) => readPullRequest(p.github, p.repo, number))
  );
  const progress = {
    "move-production": true,
    // Opened again in any case: this run marks it in progress, so that others keep off.
    "open-deployment": false,
    changelog: hasSection(changelog, tag),
    release: await findRelease(p.github, p.repo, tag) !== void 0,
    labels: pulls.every((pr) => !pr || stageOf(pr.labels, p.config.stages) === "done"),
    "close-deployment": false
  };
  const target = await originalCommit(p.git, deployed);
  return {
    kind: "resume",
    defaultSha,
    productionSha,
    tag,
    section,
    deployed,
    target,
    pullRequests: facts2.pullRequests,
    progress,
    fingerprint: planFingerprint({
      defaultSha,
      productionSha,
      target,
      labels: new Map(pulls.flatMap((pr) => pr ? [[pr.number, pr.labels]] : [])),
      approvals: /* @__PURE__ */ new Map()
    })
  };
}

// src/actions/promote/promotion.ts
init_define_RELEASE_TRAIN_COMMANDS();
function promotionClock(env = process.env) {
  const fixed = env.RELEASE_TRAIN_NOW;
  if (!fixed) return /* @__PURE__ */ new Date();
  const date = new Date(fixed);
  if (Number.isNaN(date.getTime())) {
    throw new ReleaseTrainError(
      "bad-input",
      `RELEASE_TRAIN_NOW="${fixed}" is not an ISO 8601 date. Nothing was changed.`
    );
  }
  return date;
}
async function openPromotion(options) {
  const git = new Git(options.checkout);
  const inside = await git.attempt(["rev-parse", "--is-inside-work-tree"]);
  if (inside.code !== 0) {
    throw new ReleaseTrainError(
      "no-checkout",
      `${options.checkout} is not a git checkout. Nothing was changed; run actions/checkout (with fetch-depth: 0) before promote, or run the CLI inside a clone.`
    );
  }
  const remote = "origin";
  if ((await git.attempt(["remote", "get-url", remote])).code !== 0) {
    throw new ReleaseTrainError(
      "no-checkout",
      `The checkout has no "${remote}" remote. Nothing was changed.`
    );
  }
  const github = createGitHub(options.token, { baseUrl: options.apiUrl, onRetry: options.log });
  const { config, defaultBranch } = await loadRepoSettings(github, options.repo);
  if (options.component && !(options.component in config.components)) {
    const known = Object.keys(config.components);
    throw new ReleaseTrainError(
      "unknown-component",
      `Component "${options.component}" is not in the config (${known.length > 0 ? `known: ${known.join(", ")}` : "no components are configured"}). Nothing was changed.`
    );
  }
  return {
    git,
    github,
    repo: options.repo,
    config,
    defaultBranch,
    productionBranch: config["production-branch"],
    remote,
    links: { serverUrl: options.serverUrl, owner: options.repo.owner, repo: options.repo.repo },
    now: options.now,
    component: options.component || void 0,
    runUrl: options.runUrl || void 0,
    log: options.log
  };
}

// src/actions/promote/report.ts
init_define_RELEASE_TRAIN_COMMANDS();
var MAX_ROWS = 60;
var MAX_DIAGRAM_CARS = 12;
var MAX_RESULT_COMMITS = 300;
var short = (sha) => sha ? sha.slice(0, 7) : "\u2014";
var prList = (numbers) => numbers.map((number) => `#${number}`).join(" ");
function carRows(plan) {
  const riding = new Set(plan.train.cars.map((car) => car.commit.sha));
  const blockerSha = plan.train.blocker?.sha;
  return plan.cars.map((car) => {
    if (riding.has(car.commit.sha)) return { car, status: "rides" };
    if (car.commit.sha === blockerSha) return { car, status: "blocks" };
    const number = car.origin.kind === "pull-request" ? car.origin.number : void 0;
    return {
      car,
      status: number !== void 0 && plan.train.waiting.includes(number) ? "waits" : "left behind"
    };
  });
}
function describeCar(p, plan, car) {
  switch (car.origin.kind) {
    case "pull-request": {
      const pr = plan.pulls.get(car.origin.number);
      const stage = pr ? stageOf(pr.labels, p.config.stages) : void 0;
      return {
        pr: `#${car.origin.number}`,
        title: pr?.title ?? car.commit.subject,
        stage: stage ? p.config.stages[stage].name : pr ? "no stage label" : "unknown PR"
      };
    }
    case "changelog":
      return { pr: "\u2014", title: car.commit.subject, stage: "transparent (CHANGELOG)" };
    case "deployed":
      return { pr: "\u2014", title: car.commit.subject, stage: "transparent (already on production)" };
    case "direct-push":
      return {
        pr: "\u2014",
        title: car.commit.subject,
        stage: plan.unchecked.has(car.commit.sha) ? "no PR known (not looked up)" : "direct push"
      };
  }
}
function trainTable(p, plan) {
  const rows = carRows(plan);
  const shown = rows.slice(0, MAX_ROWS).map(({ car, status }) => {
    const { pr, title, stage } = describeCar(p, plan, car);
    return [status, short(car.commit.sha), pr, title, stage];
  });
  const more = rows.length > MAX_ROWS ? `\u2026 and ${rows.length - MAX_ROWS} more commit(s).` : "";
  return blocks(table(["", "Commit", "PR", "Title", "Stage"], shown), more);
}
function label(text) {
  return `"${text.replace(/"/g, "#quot;").replace(/[<>]/g, " ").slice(0, 60)}"`;
}
function trainDiagram(p, plan) {
  const lines = [
    "flowchart LR",
    `  production[(${label(`${p.productionBranch} ${short(plan.productionSha)}`)})]`
  ];
  const riding = plan.train.pullRequests;
  let previous = "production";
  riding.slice(0, MAX_DIAGRAM_CARS).forEach((number, at) => {
    const title = plan.pulls.get(number)?.title ?? "";
    lines.push(`  pr${at}[${label(`#${number} ${title}`)}]`, `  ${previous} --> pr${at}`);
    previous = `pr${at}`;
  });
  if (riding.length > MAX_DIAGRAM_CARS) {
    lines.push(`  more[${label(`\u2026 ${riding.length - MAX_DIAGRAM_CARS} more`)}]`, `  ${previous} --> more`);
    previous = "more";
  }
  if (plan.tag) {
    lines.push(`  tag{{${label(plan.tag.name)}}}`, `  ${previous} --> tag`);
  }
  if (plan.train.blocker) {
    const blocker = plan.train.blocker;
    const what = "pullRequest" in blocker ? `#${blocker.pullRequest}` : short(blocker.sha);
    lines.push(`  blocker[${label(`${what} blocks`)}]:::blocked`, `  ${previous} -.-x blocker`);
    if (plan.train.waiting.length > 0) {
      lines.push(
        `  waiting[${label(`${plan.train.waiting.length} ready PR(s) wait: ${prList(plan.train.waiting)}`)}]:::waiting`,
        "  blocker -.- waiting"
      );
    }
    lines.push(
      "  classDef blocked fill:#fde2e1,stroke:#d73a49",
      "  classDef waiting fill:#fff5d6,stroke:#e3b341"
    );
  }
  return mermaid(lines.join("\n"));
}
function headline(p, plan, dryRun) {
  if (plan.kind === "resume") {
    return `${plan.tag} is on ${p.productionBranch} but its deploy did not finish: ${dryRun ? "a run would finish" : "finishing"} ${stepsLeftText(plan)}.`;
  }
  const { train } = plan;
  if (!train.target) {
    return train.anythingNew ? `Nothing can go to production: ${plan.blocker}.` : `Nothing to promote: ${p.productionBranch} has everything on ${p.defaultBranch}.`;
  }
  const verb = dryRun ? "would promote" : "promotes";
  return `The train ${verb} ${prList(train.pullRequests)} to ${p.productionBranch} as ${plan.tag.name}${plan.replay ? ", replayed onto the hotfixes on production" : ""}.`;
}
function stepsLeftText(plan) {
  return Object.entries(plan.progress).filter(([, done]) => !done).map(([step]) => step).join(", ");
}
function facts(p, plan) {
  const rows = [
    [p.defaultBranch, short(plan.defaultSha)],
    [`${p.productionBranch} (before)`, short(plan.productionSha)]
  ];
  if (plan.train.target) {
    rows.push(["Target", short(plan.train.target)]);
    rows.push([
      `${p.productionBranch} (after)`,
      `${short(plan.productionTarget)} ${plan.replay ? "(replayed onto the hotfixes)" : "(fast-forward)"}`
    ]);
    rows.push(["Tag", `${plan.tag.name}${plan.tag.reused ? " (already on the target)" : ""}`]);
  }
  rows.push(["Fingerprint", `\`${plan.fingerprint}\``]);
  return table(["", ""], rows);
}
function planSummary(p, plan, dryRun) {
  if (plan.kind === "resume") return resumeSummary(p, plan, dryRun);
  return blocks(
    headline(p, plan, dryRun),
    plan.blocker && `**What blocks the rest:** ${plan.blocker}.`,
    facts(p, plan),
    plan.cars.length > 0 && trainDiagram(p, plan),
    plan.cars.length > 0 && heading(3, "The train"),
    plan.cars.length > 0 && trainTable(p, plan),
    plan.section && heading(3, "CHANGELOG section"),
    plan.section && code(plan.section, "markdown")
  );
}
function resumeSummary(p, plan, dryRun) {
  return blocks(
    headline(p, plan, dryRun),
    table(
      ["Step", "State"],
      Object.entries(plan.progress).map(([step, done]) => [
        STEP_TITLES[step],
        done ? "done earlier" : "to do"
      ])
    ),
    `Fingerprint: \`${plan.fingerprint}\``,
    details("CHANGELOG section", code(plan.section, "markdown"))
  );
}
function stepsTable(deploy2) {
  const todo = new Set(stepsToDo(deploy2));
  return table(
    ["Step", "Result"],
    Object.keys(STEP_TITLES).map((step) => {
      const result = !todo.has(step) ? "done earlier" : deploy2.doneNow[step] ?? (deploy2.failedAt === step ? "**failed**" : "not reached");
      return [STEP_TITLES[step], result];
    })
  );
}
function deploySummary(p, plan, deploy2, message) {
  const body = plan.kind === "train" ? blocks(
    plan.blocker && `**Left behind:** ${plan.blocker}.`,
    facts(p, plan),
    trainDiagram(p, plan),
    details("The train", trainTable(p, plan))
  ) : "";
  return blocks(
    message,
    stepsTable(deploy2),
    body,
    deploy2.moves.length > 0 && details(
      "Labels",
      bullets(
        deploy2.moves.map(
          (move) => `${move.kind} ${move.target.owner}/${move.target.repo}#${move.target.number}: ${[...move.added.map((name) => `+${name}`), ...move.removed.map((name) => `-${name}`)].join(" ") || "already done"}`
        )
      )
    ),
    heading(3, "CHANGELOG section"),
    code(deploy2.section, "markdown")
  );
}
function planDetails(p, plan) {
  if (plan.kind === "resume") {
    return {
      plan: "resume",
      tag: plan.tag,
      target: plan.target,
      deployed: plan.deployed,
      pull_requests: plan.pullRequests,
      steps_done: plan.progress,
      fingerprint: plan.fingerprint,
      section: plan.section
    };
  }
  const { train } = plan;
  return {
    plan: "train",
    default_branch: { name: p.defaultBranch, sha: plan.defaultSha },
    production_branch: { name: p.productionBranch, sha: plan.productionSha },
    target: train.target ?? null,
    deployed: plan.productionTarget ?? null,
    replay: plan.replay,
    tag: plan.tag?.name ?? null,
    tag_reused: plan.tag?.reused ?? false,
    pull_requests: train.pullRequests,
    blocker: plan.blocker ?? null,
    waiting: train.waiting,
    // Bounded, so that the output stays far below GitHub's limit on a huge history.
    commits_total: plan.cars.length,
    commits: plan.cars.slice(0, MAX_RESULT_COMMITS).map((car) => ({
      sha: car.commit.sha,
      kind: car.origin.kind,
      ...car.origin.kind === "pull-request" ? { pull_request: car.origin.number } : {},
      rides: train.cars.includes(car)
    })),
    section: plan.section ?? null,
    fingerprint: plan.fingerprint,
    commit_lookups: plan.lookups
  };
}

// src/actions/promote/staging-gate.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/core/staging-order.ts
init_define_RELEASE_TRAIN_COMMANDS();
function stagingFixCommand(component, target, workflowFile = "deploy-staging.yml") {
  return `gh workflow run ${workflowFile} -f action=update -f component=${component} -f ref=${target}`;
}
function checkStagingOrder(input) {
  const { target } = input;
  if (!input.requireStaging) return { ok: true, why: "require-staging is off in the config" };
  if (input.components.length === 0) {
    return { ok: true, why: "the config names no components, so there is no staging deployment to require" };
  }
  const missing = input.components.filter((entry) => !entry.staging || !entry.containsTarget);
  if (missing.length === 0) {
    return {
      ok: true,
      why: `staging contains ${shortSha(target)} for ${input.components.map((entry) => entry.component).join(", ")}`
    };
  }
  const lines = missing.map(
    (entry) => entry.staging ? `staging/${entry.component} runs ${shortSha(entry.staging.sha)} (branch ${entry.staging.branch}, since ${entry.staging.since}), which does not contain ${shortSha(target)}` : `${entry.component} was never deployed to staging`
  );
  const commands = missing.map((entry) => stagingFixCommand(entry.component, target, input.workflowFile));
  return {
    ok: false,
    reasonCode: "not-on-staging",
    message: [
      `The train's target ${shortSha(target)} was never deployed to staging: ${lines.join("; ")}. Nothing was changed.`,
      `Deploy it to staging first (require-staging is on), then promote again:`,
      ...commands.map((command) => `  ${command}`)
    ].join("\n"),
    commands,
    components: missing.map((entry) => entry.component)
  };
}

// src/actions/promote/staging-gate.ts
async function checkStagingGate(p, plan) {
  const target = plan.train.target;
  if (!target || !p.config["require-staging"]) return;
  const components = p.component ? [p.component] : Object.keys(p.config.components);
  const order = checkStagingOrder({
    requireStaging: true,
    target,
    components: await componentsOnStaging(p.github, p.repo, components, target)
  });
  if (!order.ok) {
    throw new ReleaseTrainError(order.reasonCode, order.message, {
      target,
      not_on_staging: order.components,
      commands: order.commands
    });
  }
  p.log(`require-staging: ${order.why}.`);
}

// src/actions/promote/main.ts
var inputs = external_exports.object({
  "github-token": external_exports.string({ message: "a token is required (github-token)" }),
  "dry-run": booleanInput.default(false),
  fingerprint: external_exports.string().regex(/^(?:[0-9a-f]{12}|none)-[0-9a-f]{16}$/, { message: "expected the fingerprint a plan printed" }).optional(),
  "webhook-url": external_exports.string().optional(),
  component: external_exports.string().optional(),
  path: external_exports.string().optional()
});
var promoteAction = {
  name: "promote",
  inputs,
  secrets: ["github-token", "webhook-url"],
  async main(ctx) {
    const repo = requireRepository(ctx.runner);
    const p = await openPromotion({
      checkout: ctx.inputs.path ?? ctx.runner.workspace,
      token: ctx.inputs["github-token"],
      apiUrl: ctx.runner.apiUrl,
      repo,
      serverUrl: ctx.runner.serverUrl,
      now: promotionClock(),
      ...ctx.inputs.component ? { component: ctx.inputs.component } : {},
      runUrl: ctx.runner.runUrl,
      log: ctx.log.info
    });
    return promote(p, {
      dryRun: ctx.inputs["dry-run"],
      fingerprint: ctx.inputs.fingerprint,
      webhookUrl: ctx.inputs["webhook-url"],
      warn: ctx.log.warning
    });
  }
};
async function promote(p, options) {
  const plan = await planPromotion(p);
  p.log(headline(p, plan, options.dryRun));
  checkFingerprint(p, plan, options.fingerprint);
  if (plan.kind === "train") await checkStagingGate(p, plan);
  if (options.dryRun) return planned(p, plan);
  if (plan.kind === "train") {
    const refusal = nothingToDeploy(p, plan);
    if (refusal) return refusal;
  }
  return deploy(p, plan, options);
}
function checkFingerprint(p, plan, given) {
  if (!given || given === plan.fingerprint) return;
  if (plan.kind === "resume" && fingerprintTarget(given) === plan.target.slice(0, 12)) return;
  throw new ReleaseTrainError(
    "plan-changed",
    `The plan changed since it was shown (fingerprint ${given}, now ${plan.fingerprint}): ${p.defaultBranch}, ${p.productionBranch} or a label moved. Nothing was changed. Look at the new plan and run again with its fingerprint.`,
    { fingerprint: plan.fingerprint, given, ...planDetails(p, plan) }
  );
}
function outputsOf(p, plan) {
  const details2 = planDetails(p, plan);
  return {
    tag: String(details2.tag ?? ""),
    target: String(details2.target ?? ""),
    fingerprint: plan.fingerprint,
    prs: JSON.stringify(details2.pull_requests ?? [])
  };
}
function planned(p, plan) {
  const refusal = plan.kind === "train" ? nothingToDeploy(p, plan) : void 0;
  if (refusal) return refusal;
  return {
    ok: true,
    reasonCode: "planned",
    message: `${headline(p, plan, true)} Dry run: nothing was changed. Fingerprint: ${plan.fingerprint}.`,
    summary: planSummary(p, plan, true),
    details: planDetails(p, plan),
    outputs: outputsOf(p, plan)
  };
}
function nothingToDeploy(p, plan) {
  if (plan.train.target) return void 0;
  const base = {
    summary: planSummary(p, plan, true),
    details: planDetails(p, plan),
    outputs: outputsOf(p, plan)
  };
  if (!plan.train.anythingNew) {
    return { ...base, ok: true, reasonCode: "nothing-to-promote", message: headline(p, plan, true) };
  }
  return {
    ...base,
    ok: false,
    reasonCode: "train-blocked",
    message: `${headline(p, plan, true)} Nothing was changed. Move the blocking PR along (or revert it) and run again.`
  };
}
async function deploy(p, plan, options) {
  const work = deployOf(plan);
  const webhook = options.webhookUrl;
  const { warn } = options;
  const todo = new Set(stepsToDo(work));
  const step = async (name, body) => {
    if (!todo.has(name)) return;
    work.failedAt = name;
    p.log(`${name}...`);
    await body();
    work.failedAt = void 0;
    p.log(`${name}: ${work.doneNow[name]}`);
  };
  if (plan.kind === "train") await announce(p, webhook, work, "started", warn);
  try {
    if (plan.kind === "train") await step("move-production", () => moveProduction(p, plan, work));
    await step("open-deployment", () => openProductionDeployment(p, work));
    await step("changelog", () => writeChangelog2(p, work));
    await step("release", () => publishRelease(p, work));
    await step("labels", () => markDone(p, work, plan.kind === "train" ? plan.pulls : void 0));
    await step("close-deployment", () => closeProductionDeployment(p, work));
  } catch (error) {
    if (plan.kind === "resume" || work.doneNow["move-production"]) {
      const why = isReleaseTrainError(error) ? error.reasonCode : githubFailure(error) ? "github-api-error" : "internal-error";
      await markDeploymentUnfinished(p, work, why).catch(
        (failure) => warn(`Could not mark the deployment unfinished: ${failure.message}`)
      );
    }
    await announce(p, webhook, work, "failed", warn, error);
    return failed(p, plan, work, error);
  }
  await announce(p, webhook, work, "succeeded", warn);
  const resumed = plan.kind === "resume";
  const message = resumed ? `Finished the deploy of ${work.tag} (${Object.keys(work.doneNow).join(", ")}); the earlier steps were already done.` : `Promoted ${work.pullRequests.map((number) => `#${number}`).join(" ")} to ${p.productionBranch} as ${work.tag} (${work.deployed.slice(0, 7)}).`;
  return {
    ok: true,
    reasonCode: resumed ? "resumed" : "promoted",
    message,
    summary: deploySummary(p, plan, work, message),
    details: { ...planDetails(p, plan), steps: work.doneNow, release: work.release?.url ?? null },
    outputs: outputsOf(p, plan)
  };
}
function githubFailure(error) {
  const { status, request } = error;
  if (typeof status !== "number" || !request?.url) return void 0;
  const path = request.url.replace(/^https?:\/\/[^/]+/, "");
  return `GitHub answered ${status} to ${request.method ?? ""} ${path}: ${error.message}`;
}
function failed(p, plan, work, error) {
  const answer = githubFailure(error);
  const reasonCode = isReleaseTrainError(error) ? error.reasonCode : answer ? "github-api-error" : "internal-error";
  const reason = answer ?? (error instanceof Error ? error.message : String(error));
  const pushed = plan.kind === "resume" || work.doneNow["move-production"] !== void 0;
  const message = pushed ? `${reason}
Production is on ${work.deployed.slice(0, 7)} with the tag ${work.tag}; the step "${work.failedAt}" and those after it are not done. Rerun promote: it finds what is done and finishes the rest.` : reason;
  return {
    ok: false,
    reasonCode,
    message,
    summary: blocks(
      `**Failed at ${work.failedAt}** (\`${reasonCode}\`)`,
      code(message),
      deploySummary(p, plan, work, "")
    ),
    details: {
      ...planDetails(p, plan),
      ...isReleaseTrainError(error) ? error.details : {},
      failed_step: work.failedAt,
      steps: work.doneNow
    },
    outputs: outputsOf(p, plan)
  };
}

export {
  promotionClock,
  openPromotion,
  promoteAction,
  promote
};
