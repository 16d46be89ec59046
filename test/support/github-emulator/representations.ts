import type { EmulatorContext, Repository } from './context.js';
import type { CommitInfo, FileChange } from './git-repository.js';
import { permissionFlags } from './permissions.js';
import type {
  CommentRecord,
  DeploymentRecord,
  DeploymentStatusRecord,
  IssueEventRecord,
  IssueRecord,
  LabelRecord,
  ReleaseRecord,
  RepoState,
} from './state.js';

/**
 * The JSON bodies, shaped field for field like GitHub's (every response is checked against
 * GitHub's OpenAPI description when validation is on).
 */

/** GitHub writes timestamps to the second, in UTC. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nullableTimestamp(date: Date | null | undefined): string | null {
  return date ? timestamp(date) : null;
}

function nodeId(kind: string, id: number): string {
  return Buffer.from(`${kind}${id}`).toString('base64').replace(/=+$/, '');
}

/** The noreply address GitHub gives a user: commits with it are attributed to the login. */
export function noreplyEmail(ctx: EmulatorContext, login: string): string {
  return `${ctx.state.userId(login)}+${login}@users.noreply.github.com`;
}

/** The login a commit's email belongs to, when it is a GitHub noreply address. */
export function loginForEmail(email: string): string | undefined {
  return /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/i.exec(email)?.[1];
}

function userType(ctx: EmulatorContext, login: string): 'User' | 'Bot' | 'Organization' {
  if (login.endsWith('[bot]')) return 'Bot';
  return ctx.state.organizations.has(login.toLowerCase()) ? 'Organization' : 'User';
}

export function user(ctx: EmulatorContext, login: string) {
  const id = ctx.state.userId(login);
  const api = `${ctx.apiUrl}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(userType(ctx, login) === 'Organization' ? 'O_' : 'U_', id),
    avatar_url: `${ctx.apiUrl}/avatars/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${ctx.serverUrl}/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: userType(ctx, login),
    user_view_type: 'public',
    site_admin: false,
  };
}

export function nullableUser(ctx: EmulatorContext, login: string | null | undefined) {
  return login ? user(ctx, login) : null;
}

/** GET /user: the authenticated user's own (private) view. */
export function privateUser(ctx: EmulatorContext, login: string) {
  const created = timestamp(new Date('2020-01-01T00:00:00Z'));
  return {
    ...user(ctx, login),
    user_view_type: 'private',
    name: login,
    company: null,
    blog: '',
    location: null,
    email: null,
    notification_email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: created,
    updated_at: created,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: false,
  };
}

export function publicUser(ctx: EmulatorContext, login: string) {
  const created = timestamp(new Date('2020-01-01T00:00:00Z'));
  return {
    ...user(ctx, login),
    name: login,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: created,
    updated_at: created,
  };
}

export function repository(
  ctx: EmulatorContext,
  repo: { owner: string; name: string; state: RepoState; git?: { path: string } },
  defaultBranch: string,
  viewerRole?: Parameters<typeof permissionFlags>[0],
) {
  const url = ctx.repoApiUrl(repo);
  const html = ctx.repoHtmlUrl(repo);
  const created = timestamp(repo.state.createdAt);
  const openIssues = [...repo.state.issues.values()].filter((issue) => issue.state === 'open').length;
  return {
    id: repo.state.id,
    node_id: nodeId('R_', repo.state.id),
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    private: false,
    owner: user(ctx, repo.owner),
    html_url: html,
    description: null,
    fork: repo.state.parent !== null,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `git://${new URL(ctx.serverUrl).host}/${repo.owner}/${repo.name}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@${new URL(ctx.serverUrl).host}:${repo.owner}/${repo.name}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    // The emulator's clone URL is the bare repository itself, so `git clone` of it works.
    clone_url: repo.git?.path ?? `${html}.git`,
    mirror_url: null,
    hooks_url: `${url}/hooks`,
    svn_url: html,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: defaultBranch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'public',
    pushed_at: timestamp(ctx.state.now()),
    created_at: created,
    updated_at: created,
    license: null,
    allow_forking: true,
    web_commit_signoff_required: false,
    ...(viewerRole ? { permissions: permissionFlags(viewerRole) } : {}),
  };
}

/** GET /repos/{owner}/{repo}: the repository with its settings. */
export function fullRepository(
  ctx: EmulatorContext,
  repo: Repository,
  defaultBranch: string,
  viewerRole: Parameters<typeof permissionFlags>[0],
) {
  const parent = repo.state.parent ? ctx.findRepository(...splitFullName(repo.state.parent)) : undefined;
  return {
    ...repository(ctx, repo, defaultBranch, viewerRole),
    allow_merge_commit: true,
    allow_squash_merge: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
    squash_merge_commit_message: 'COMMIT_MESSAGES',
    merge_commit_title: 'MERGE_MESSAGE',
    merge_commit_message: 'PR_TITLE',
    network_count: 0,
    subscribers_count: 0,
    ...(parent
      ? { parent: repository(ctx, parent, defaultBranch), source: repository(ctx, parent, defaultBranch) }
      : {}),
  };
}

function splitFullName(fullName: string): [string, string] {
  const [owner, name] = fullName.split('/') as [string, string];
  return [owner, name];
}

function gitActor(identity: CommitInfo['author']) {
  return { name: identity.name, email: identity.email, date: timestamp(identity.date) };
}

function commitUser(ctx: EmulatorContext, email: string) {
  const login = loginForEmail(email);
  if (login) return user(ctx, login);
  if (email === 'noreply@github.com') return user(ctx, 'web-flow');
  return null;
}

export function commit(ctx: EmulatorContext, repo: Repository, info: CommitInfo, files?: FileChange[]) {
  const url = ctx.repoApiUrl(repo);
  const html = ctx.repoHtmlUrl(repo);
  const body = {
    url: `${url}/commits/${info.sha}`,
    sha: info.sha,
    node_id: nodeId('C_', Number.parseInt(info.sha.slice(0, 8), 16)),
    html_url: `${html}/commit/${info.sha}`,
    comments_url: `${url}/commits/${info.sha}/comments`,
    commit: {
      url: `${url}/git/commits/${info.sha}`,
      author: gitActor(info.author),
      committer: gitActor(info.committer),
      message: info.message,
      tree: { sha: info.tree, url: `${url}/git/trees/${info.tree}` },
      comment_count: 0,
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    author: commitUser(ctx, info.author.email),
    committer: commitUser(ctx, info.committer.email),
    parents: info.parents.map((sha) => ({
      sha,
      url: `${url}/commits/${sha}`,
      html_url: `${html}/commit/${sha}`,
    })),
  };
  if (!files) return body;
  const additions = files.reduce((sum, file) => sum + file.additions, 0);
  const deletions = files.reduce((sum, file) => sum + file.deletions, 0);
  return {
    ...body,
    stats: { total: additions + deletions, additions, deletions },
    files: files.map((file) => diffEntry(ctx, repo, info.sha, file)),
  };
}

export function diffEntry(ctx: EmulatorContext, repo: Repository, ref: string, file: FileChange) {
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${ctx.repoHtmlUrl(repo)}/blob/${ref}/${path}`,
    raw_url: `${ctx.repoHtmlUrl(repo)}/raw/${ref}/${path}`,
    contents_url: `${ctx.repoApiUrl(repo)}/contents/${path}?ref=${ref}`,
    ...(file.previousFilename ? { previous_filename: file.previousFilename } : {}),
  };
}

export function label(ctx: EmulatorContext, repo: Repository, record: LabelRecord) {
  return {
    id: record.id,
    node_id: nodeId('LA_', record.id),
    url: `${ctx.repoApiUrl(repo)}/labels/${encodeURIComponent(record.name)}`,
    name: record.name,
    color: record.color,
    default: false,
    description: record.description,
  };
}

export function issueLabels(ctx: EmulatorContext, repo: Repository, issue: IssueRecord) {
  return issue.labelIds
    .map((id) => repo.state.labels.find((record) => record.id === id))
    .filter((record): record is LabelRecord => record !== undefined)
    .map((record) => label(ctx, repo, record));
}

export function authorAssociation(repo: Repository, login: string) {
  if (login.toLowerCase() === repo.owner.toLowerCase()) return 'OWNER';
  if (repo.state.collaborators.has(login.toLowerCase())) return 'COLLABORATOR';
  return 'NONE';
}

export function issue(ctx: EmulatorContext, repo: Repository, record: IssueRecord) {
  const url = `${ctx.repoApiUrl(repo)}/issues/${record.number}`;
  const kind = record.pull ? 'pull' : 'issues';
  const html = `${ctx.repoHtmlUrl(repo)}/${kind}/${record.number}`;
  const comments = repo.state.comments.filter((comment) => comment.issueNumber === record.number).length;
  return {
    id: record.id,
    node_id: nodeId(record.pull ? 'PR_' : 'I_', record.id),
    url,
    repository_url: ctx.repoApiUrl(repo),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    number: record.number,
    state: record.state,
    state_reason: record.stateReason,
    title: record.title,
    body: record.body,
    user: user(ctx, record.user),
    labels: issueLabels(ctx, repo, record),
    assignee: nullableUser(ctx, record.assignees[0]),
    assignees: record.assignees.map((login) => user(ctx, login)),
    milestone: null,
    locked: record.locked,
    active_lock_reason: null,
    comments,
    ...(record.pull
      ? {
          pull_request: {
            url: `${ctx.repoApiUrl(repo)}/pulls/${record.number}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: nullableTimestamp(record.pull.mergedAt),
          },
          draft: record.pull.draft,
        }
      : {}),
    closed_at: nullableTimestamp(record.closedAt),
    created_at: timestamp(record.createdAt),
    updated_at: timestamp(record.updatedAt),
    closed_by: nullableUser(ctx, record.closedBy),
    author_association: authorAssociation(repo, record.user),
    reactions: reactions(`${url}/reactions`),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
  };
}

function reactions(url: string) {
  return {
    url,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}

export function comment(ctx: EmulatorContext, repo: Repository, record: CommentRecord) {
  const url = `${ctx.repoApiUrl(repo)}/issues/comments/${record.id}`;
  const issueRecord = repo.state.issues.get(record.issueNumber);
  const kind = issueRecord?.pull ? 'pull' : 'issues';
  return {
    id: record.id,
    node_id: nodeId('IC_', record.id),
    url,
    html_url: `${ctx.repoHtmlUrl(repo)}/${kind}/${record.issueNumber}#issuecomment-${record.id}`,
    body: record.body,
    user: user(ctx, record.user),
    created_at: timestamp(record.createdAt),
    updated_at: timestamp(record.updatedAt),
    issue_url: `${ctx.repoApiUrl(repo)}/issues/${record.issueNumber}`,
    author_association: authorAssociation(repo, record.user),
    reactions: reactions(`${url}/reactions`),
    performed_via_github_app: null,
  };
}

/** An entry of GET issues/{n}/events (the issue itself is left out there, as on GitHub). */
export function issueEvent(ctx: EmulatorContext, repo: Repository, record: IssueEventRecord) {
  const url = ctx.repoApiUrl(repo);
  return {
    id: record.id,
    node_id: nodeId('E_', record.id),
    url: `${url}/issues/events/${record.id}`,
    actor: user(ctx, record.actor),
    event: record.event,
    commit_id: record.commitId ?? null,
    commit_url: record.commitId ? `${url}/commits/${record.commitId}` : null,
    created_at: timestamp(record.createdAt),
    performed_via_github_app: null,
    ...(record.label ? { label: record.label } : {}),
    ...(record.rename ? { rename: record.rename } : {}),
    ...(record.stateReason !== undefined ? { state_reason: record.stateReason } : {}),
  };
}

export function pullRequestUrls(ctx: EmulatorContext, repo: Repository, number: number, headSha: string) {
  const url = `${ctx.repoApiUrl(repo)}/pulls/${number}`;
  const html = `${ctx.repoHtmlUrl(repo)}/pull/${number}`;
  const issueUrl = `${ctx.repoApiUrl(repo)}/issues/${number}`;
  return {
    url,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${ctx.repoApiUrl(repo)}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: `${ctx.repoApiUrl(repo)}/statuses/${headSha}`,
    links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${ctx.repoApiUrl(repo)}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${ctx.repoApiUrl(repo)}/statuses/${headSha}` },
    },
  };
}

export function release(ctx: EmulatorContext, repo: Repository, record: ReleaseRecord) {
  const url = `${ctx.repoApiUrl(repo)}/releases/${record.id}`;
  const tagPath = record.draft ? `untagged-${record.id}` : encodeURIComponent(record.tagName);
  return {
    url,
    html_url: `${ctx.repoHtmlUrl(repo)}/releases/tag/${tagPath}`,
    assets_url: `${url}/assets`,
    upload_url: `${ctx.apiUrl}/uploads/repos/${repo.owner}/${repo.name}/releases/${record.id}/assets{?name,label}`,
    tarball_url: record.draft
      ? null
      : `${ctx.repoApiUrl(repo)}/tarball/${encodeURIComponent(record.tagName)}`,
    zipball_url: record.draft
      ? null
      : `${ctx.repoApiUrl(repo)}/zipball/${encodeURIComponent(record.tagName)}`,
    id: record.id,
    node_id: nodeId('RE_', record.id),
    tag_name: record.tagName,
    target_commitish: record.targetCommitish,
    name: record.name,
    body: record.body,
    draft: record.draft,
    prerelease: record.prerelease,
    immutable: false,
    created_at: timestamp(record.createdAt),
    published_at: nullableTimestamp(record.publishedAt),
    updated_at: timestamp(record.updatedAt),
    author: user(ctx, record.author),
    assets: [],
  };
}

export function deployment(ctx: EmulatorContext, repo: Repository, record: DeploymentRecord) {
  const url = `${ctx.repoApiUrl(repo)}/deployments/${record.id}`;
  return {
    url,
    id: record.id,
    node_id: nodeId('DE_', record.id),
    sha: record.sha,
    ref: record.ref,
    task: record.task,
    payload: record.payload,
    original_environment: record.originalEnvironment,
    environment: record.environment,
    description: record.description,
    creator: user(ctx, record.creator),
    created_at: timestamp(record.createdAt),
    updated_at: timestamp(record.updatedAt),
    statuses_url: `${url}/statuses`,
    repository_url: ctx.repoApiUrl(repo),
    transient_environment: record.transientEnvironment,
    production_environment: record.productionEnvironment,
    performed_via_github_app: null,
  };
}

export function deploymentStatus(
  ctx: EmulatorContext,
  repo: Repository,
  deploymentRecord: DeploymentRecord,
  record: DeploymentStatusRecord,
) {
  const deploymentUrl = `${ctx.repoApiUrl(repo)}/deployments/${deploymentRecord.id}`;
  return {
    url: `${deploymentUrl}/statuses/${record.id}`,
    id: record.id,
    node_id: nodeId('DES_', record.id),
    state: record.state,
    creator: user(ctx, record.creator),
    description: record.description,
    environment: record.environment,
    target_url: record.targetUrl,
    log_url: record.logUrl,
    environment_url: record.environmentUrl,
    created_at: timestamp(record.createdAt),
    updated_at: timestamp(record.createdAt),
    deployment_url: deploymentUrl,
    repository_url: ctx.repoApiUrl(repo),
    performed_via_github_app: null,
  };
}
