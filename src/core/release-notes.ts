import createPreset, {
  type CommitType,
  DEFAULT_COMMIT_TYPES,
} from 'conventional-changelog-conventionalcommits';
import { type Options as WriterOptions, writeChangelogString } from 'conventional-changelog-writer';
import { CommitParser, type ParserOptions } from 'conventional-commits-parser';

/**
 * The CHANGELOG section of one production deploy: `## <tag> (<date>)`, a line naming the deployed
 * commit and every PR that rode the train, then the conventional-changelog entries of the train
 * (features, fixes, performance, breaking changes, ...) in the conventionalcommits preset's layout,
 * each linking its PR and the issues it closes. The tag's message and the release notes are
 * exactly this text.
 */

export interface RepoLinks {
  /** https://github.com, or the GitHub Enterprise server. */
  serverUrl: string;
  owner: string;
  repo: string;
}

/** One commit of the train, as the notes need it. */
export interface NoteCommit {
  /** The commit on the default branch (links point there). */
  sha: string;
  /** Its full message. */
  message: string;
  /** A merge commit: its entry comes from the PR title, not from "Merge pull request #N". */
  isMerge: boolean;
  pullRequest?: { number: number; title: string };
  /** Issues of this repository the PR closes. */
  issues: number[];
}

export interface SectionInput {
  tag: string;
  /** YYYY-MM-DD (UTC). */
  date: string;
  /** The commit production runs after the deploy. */
  deployed: string;
  pullRequests: number[];
  commits: NoteCommit[];
  links: RepoLinks;
}

// Commits whose message is not conventional still deserve a line: they go under "Other Changes".
const OTHER_TYPE: CommitType = { type: 'other', section: 'Other Changes' };
const HEADER_PATTERN = /^(\w*)(?:\((.*)\))?!?: (.*)$/;

interface Preset {
  parser: ParserOptions;
  writer: WriterOptions<NoteEntry>;
}

type NoteEntry = ReturnType<CommitParser['parse']> & { hash: string };

function preset(): Preset {
  return createPreset({ types: [...DEFAULT_COMMIT_TYPES, OTHER_TYPE] }) as unknown as Preset;
}

function repoUrl(links: RepoLinks): string {
  return `${links.serverUrl.replace(/\/$/, '')}/${links.owner}/${links.repo}`;
}

/** The message an entry is written from. */
export function entryMessage(commit: NoteCommit): string {
  const lines = commit.message.replace(/\r\n/g, '\n').split('\n');
  let header = lines[0] ?? '';
  let body = lines.slice(1).join('\n').trim();
  const pr = commit.pullRequest;
  if (pr && (commit.isMerge || /^Merge pull request #\d+ /.test(header))) {
    header = pr.title.trim();
    // GitHub writes the PR title as the merge commit's body: do not repeat it.
    body = body.startsWith(header) ? body.slice(header.length).trim() : body;
  }
  if (!HEADER_PATTERN.test(header)) header = `${OTHER_TYPE.type}: ${header}`;
  if (pr && !header.includes(`#${pr.number}`)) header = `${header} (#${pr.number})`;
  return body ? `${header}\n\n${body}` : header;
}

function preamble(input: SectionInput): string {
  const url = repoUrl(input.links);
  const deployed = `[\`${input.deployed.slice(0, 7)}\`](${url}/commit/${input.deployed})`;
  const prs = input.pullRequests.map((number) => `[#${number}](${url}/pull/${number})`);
  return prs.length > 0 ? `Deployed ${deployed} with ${prs.join(', ')}.` : `Deployed ${deployed}.`;
}

export async function renderSection(input: SectionInput): Promise<string> {
  const { parser: parserOptions, writer } = preset();
  const parser = new CommitParser(parserOptions);
  const commits = input.commits.map((commit) => {
    const parsed = parser.parse(entryMessage(commit));
    const referenced = new Set(parsed.references.map((reference) => reference.issue));
    for (const issue of commit.issues) {
      if (referenced.has(String(issue))) continue;
      parsed.references.push({
        raw: `#${issue}`,
        action: 'closes',
        owner: null,
        repository: null,
        prefix: '#',
        issue: String(issue),
      });
    }
    return { ...parsed, hash: commit.sha } as NoteEntry;
  });
  const text = await writeChangelogString(
    commits,
    {
      version: input.tag,
      date: input.date,
      host: input.links.serverUrl.replace(/\/$/, ''),
      owner: input.links.owner,
      repository: input.links.repo,
      linkReferences: true,
      preamble: preamble(input),
    },
    writer,
  );
  return `${text.trim()}\n`;
}

/** What a section written by release-train says about its deploy; undefined for any other text. */
export interface SectionFacts {
  tag: string;
  deployed: string;
  pullRequests: number[];
}

export function readSection(text: string): SectionFacts | undefined {
  const heading = /^## (?:\[)?(\S+?)(?:\]\([^)]*\))? /m.exec(text);
  const line = /^Deployed \[`[0-9a-f]{7,40}`\]\([^)\s]*\/commit\/([0-9a-f]{40})\)(?: with (.*))?\.$/m.exec(
    text,
  );
  if (!heading || !line) return undefined;
  const pullRequests = [...(line[2] ?? '').matchAll(/\[#(\d+)\]\(/g)].map((match) => Number(match[1]));
  return { tag: heading[1]!, deployed: line[1]!, pullRequests };
}

/** GitHub refuses release notes longer than 125,000 characters. */
export const MAX_RELEASE_BODY = 125_000;

/**
 * The release's notes: the section itself, or, for a train too long for GitHub, its beginning
 * cut at a line, with a pointer to the whole text (in the CHANGELOG and the tag).
 */
export function releaseBody(section: string, changelogPath: string): string {
  if (section.length <= MAX_RELEASE_BODY) return section;
  const note = `\n\n… cut here: the whole section is in ${changelogPath} and in the tag's message.\n`;
  const room = section.slice(0, MAX_RELEASE_BODY - note.length);
  return `${room.slice(0, room.lastIndexOf('\n'))}${note}`;
}
