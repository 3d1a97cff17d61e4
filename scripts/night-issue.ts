// `npm run night-issue -- open|close --run URL [--reason-file FILE]`: the one repository issue that tells
// the maintainers the nightly crawl failed. `open` after a failed or refused night opens it, or comments on
// it when it is already open (one issue, not one a night); `close` after a good night closes it with a
// comment. Talks to the GitHub REST API with GH_TOKEN (or GITHUB_TOKEN), which is never printed.
import { readFile } from 'node:fs/promises';
import { EXIT, processIo, type Io } from '../core/cli.ts';
import { runCommand, type Command } from '../core/command.ts';
import { text, type Env, type Options } from '../core/options.ts';
import { CatalogError, UsageError } from '../core/errors.ts';

/** The label that marks the one failed-night issue. */
export const FAILURE_LABEL = 'nightly-failure';
/** Lines of the reason file quoted in the issue. */
const REASON_LINES = 20;
/** Characters kept of one quoted line: a reason line can be a whole upstream body. */
const LINE_CHARS = 500;
/** GitHub refuses issue and comment bodies over 65,536 characters (HTTP 422); stay well below. */
export const MAX_BODY_CHARS = 60_000;
/** The author of issues opened with the workflow's GITHUB_TOKEN. */
export const DEFAULT_AUTHOR = 'github-actions[bot]';
/** Pages of open labelled issues read at most (100 each): a bound, not a guess at the repo's size. */
const MAX_PAGES = 50;

/** The night-issue command. */
export const NIGHT_ISSUE = {
  name: 'night-issue',
  usage: 'npm run night-issue',
  actions: {
    open: 'after a failed night: open the "nightly-failure" issue, or comment on the open one',
    close: 'after a good night: close the open one, if any, with a comment',
  },
  about: 'The one repository issue that tells the maintainers the nightly crawl failed.',
  options: {
    run: text({ value: 'URL', required: 'the workflow run URL is required', doc: 'the workflow run, linked from the issue' }),
    'reason-file': text({ value: 'FILE', doc: "a file whose last lines say why the night failed (the crawl's stderr)" }),
  },
  environment: {
    'GH_TOKEN or GITHUB_TOKEN': 'a token that may write issues (required); never printed',
    GITHUB_REPOSITORY: 'owner/name (required)',
    GITHUB_API_URL: 'the GitHub API (default https://api.github.com)',
    NIGHT_ISSUE_AUTHOR: `the login that opens the issue, default ${DEFAULT_AUTHOR}: only an open issue with the label AND that author is ours`,
  },
  exit: '0 done, 1 the GitHub API failed, 2 usage error',
} as const satisfies Command<Options>;

/** A GitHub API request that failed: method, URL, status and GitHub's message. */
export class GitHubApiError extends CatalogError {}

/** Where and as whom to talk to GitHub. */
export interface GitHubTarget {
  /** API root, no trailing slash (default `https://api.github.com`). */
  api: string;
  /** `owner/name`. */
  repository: string;
  token: string;
  /** Login whose labelled issue is ours (default `github-actions[bot]`). */
  author: string;
}

/** The settings from the environment; a UsageError naming what is missing. */
export function targetFromEnv(env: Readonly<Record<string, string | undefined>>): GitHubTarget {
  const token = env['GH_TOKEN'] || env['GITHUB_TOKEN'];
  if (token === undefined || token === '') throw new UsageError('set GH_TOKEN or GITHUB_TOKEN to a token that may write issues', 'environment');
  const repository = env['GITHUB_REPOSITORY'] ?? '';
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new UsageError(`GITHUB_REPOSITORY must be owner/name, got ${JSON.stringify(repository)}`, 'environment');
  const author = env['NIGHT_ISSUE_AUTHOR'] || DEFAULT_AUTHOR;
  if (!/^[\w.-]+(\[bot\])?$/.test(author)) throw new UsageError(`NIGHT_ISSUE_AUTHOR must be a GitHub login, got ${JSON.stringify(author)}`, 'environment');
  return { api: (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, ''), repository, token, author };
}

/** One API call; the parsed JSON answer. */
async function call(target: GitHubTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  return (await request(target, method, path, body)).json;
}

/** One API call; the parsed JSON answer and whether GitHub's Link header names a next page. */
async function request(target: GitHubTarget, method: string, path: string, body?: unknown): Promise<{ json: unknown; next: boolean }> {
  const url = `${target.api}/repos/${target.repository}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { accept: 'application/vnd.github+json', authorization: `Bearer ${target.token}`, 'x-github-api-version': '2022-11-28', 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new GitHubApiError('the request failed', `${method} ${url}`, { cause: error });
  }
  const text = await response.text();
  if (!response.ok) {
    const message = /"message"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? text.slice(0, 200);
    throw new GitHubApiError(`HTTP ${response.status}: ${message}`, `${method} ${url}`);
  }
  let json: unknown = null;
  try {
    json = text === '' ? null : (JSON.parse(text) as unknown);
  } catch (error) {
    throw new GitHubApiError('the answer was not JSON', `${method} ${url}`, { cause: error });
  }
  return { json, next: /<[^>]*>;\s*rel="next"/.test(response.headers.get('link') ?? '') };
}

/** The title of the one failed-night issue. */
export const FAILURE_TITLE = 'Nightly crawl failed';

/**
 * The number of the open failed-night issue, if there is one. Ours is the one with our label AND our author
 * (the workflow's bot): anyone may open an issue titled like ours, and a label alone can be set by any
 * maintainer. Every page of results is read, so a busy repository does not get a duplicate each night.
 */
async function openIssue(target: GitHubTarget): Promise<number | undefined> {
  const query = `state=open&labels=${encodeURIComponent(FAILURE_LABEL)}&creator=${encodeURIComponent(target.author)}&per_page=100&sort=created&direction=asc`;
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const { json, next } = await request(target, 'GET', `/issues?${query}&page=${page}`);
    const issues = Array.isArray(json) ? (json as unknown[]) : [];
    for (const issue of issues) if (isOurs(issue, target.author)) return (issue as { number: number }).number;
    if (!next || issues.length === 0) return undefined;
  }
  return undefined;
}

/** Whether one listed issue is our open failed-night issue (checked here too: the query is only a filter). */
function isOurs(issue: unknown, author: string): boolean {
  if (typeof issue !== 'object' || issue === null) return false;
  const { number, labels, user, state, pull_request: pull } = issue as { number?: unknown; labels?: unknown; user?: unknown; state?: unknown; pull_request?: unknown };
  const labelled = Array.isArray(labels) && labels.some((label: unknown) => (typeof label === 'string' ? label : (label as { name?: unknown } | null)?.name) === FAILURE_LABEL);
  const login = typeof user === 'object' && user !== null ? (user as { login?: unknown }).login : undefined;
  return typeof number === 'number' && pull === undefined && state !== 'closed' && labelled && login === author;
}

/** Text safe to quote to GitHub: control characters shown as `\u{…}`, long lines cut with a marker. */
function quotable(line: string): string {
  const visible = line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.codePointAt(0)?.toString(16)}}`);
  const cut = [...visible];
  return cut.length > LINE_CHARS ? `${cut.slice(0, LINE_CHARS).join('')} … (${cut.length - LINE_CHARS} more characters)` : visible;
}

/** The body of a failed night's issue or comment: the run, and the reason quoted. */
export function failureText(run: string, reason: string | undefined): string {
  const lines = (reason ?? '').split(/\r?\n|\r/).map((line) => line.trimEnd()).filter((line) => line !== '').slice(-REASON_LINES);
  // Inside a fence nothing is markup and no @mention notifies; a fence in the text could end it, so none stays.
  const quoted = lines.length === 0 ? 'The run left no reason: see its log.' : ['```text', ...lines.map((line) => quotable(line).replaceAll('`', "'")), '```'].join('\n');
  const text = `The nightly crawl failed or was refused: ${quotable(run)}\n\nYesterday's data and site stay published. The reason:\n\n${quoted}\n\nThe next good night closes this issue.`;
  // Twenty lines of 500 characters cannot reach the limit; the cut is a last guard, never hit in practice.
  return text.length <= MAX_BODY_CHARS ? text : `${text.slice(0, MAX_BODY_CHARS - 40)}\n\n(cut at ${MAX_BODY_CHARS} characters)`;
}

/** What was done, for the job log. */
export async function reportFailure(target: GitHubTarget, run: string, reason: string | undefined): Promise<string> {
  const body = failureText(run, reason);
  const existing = await openIssue(target);
  if (existing !== undefined) {
    await call(target, 'POST', `/issues/${existing}/comments`, { body });
    return `commented on issue #${existing}`;
  }
  const created = (await call(target, 'POST', '/issues', { title: FAILURE_TITLE, body, labels: [FAILURE_LABEL] })) as { number?: unknown } | null;
  return `opened issue #${String(created?.number ?? '?')}`;
}

/** Closes the open failed-night issue after a good night; what was done. */
export async function reportRecovery(target: GitHubTarget, run: string): Promise<string> {
  const existing = await openIssue(target);
  if (existing === undefined) return 'no failed-night issue open';
  await call(target, 'POST', `/issues/${existing}/comments`, { body: `The nightly crawl succeeded again: ${quotable(run)}` });
  await call(target, 'PATCH', `/issues/${existing}`, { state: 'closed', state_reason: 'completed' });
  return `closed issue #${existing}`;
}

export function main(argv: readonly string[], env: Env = process.env, io: Io = processIo): Promise<number> {
  return runCommand(NIGHT_ISSUE, argv, async ({ run, 'reason-file': reasonFile }, { action }) => {
    const target = targetFromEnv(env);
    const reason = reasonFile === undefined ? undefined : await readFile(reasonFile, 'utf8').catch(() => undefined);
    io.out(`${action === 'open' ? await reportFailure(target, run, reason) : await reportRecovery(target, run)}\n`);
    return EXIT.ok;
  }, io, env);
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
