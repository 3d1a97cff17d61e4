// `npm run night-issue -- open|close --run URL [--reason-file FILE]`: the one repository issue that tells
// the maintainers the nightly crawl failed. `open` after a failed or refused night opens it, or comments on
// it when it is already open (one issue, not one a night); `close` after a good night closes it with a
// comment. Talks to the GitHub REST API with GH_TOKEN (or GITHUB_TOKEN), which is never printed.
import { readFile } from 'node:fs/promises';
import { EXIT, parseOptions, processIo, runCli, type Io } from '../core/cli.ts';
import { CatalogError, UsageError } from '../core/errors.ts';

const HELP = `Usage: npm run night-issue -- open|close --run URL [--reason-file FILE]

  open           after a failed night: open the "nightly-failure" issue, or comment on the open one
  close          after a good night: close the open one, if any, with a comment
  --run URL      the workflow run, linked from the issue
  --reason-file  a file whose last lines say why the night failed (the crawl's stderr)
  -h, --help     show this help

Environment: GH_TOKEN or GITHUB_TOKEN (required), GITHUB_REPOSITORY (owner/name, required),
GITHUB_API_URL (default https://api.github.com).

Exit status: 0 done, 1 the GitHub API failed, 2 usage error.`;

/** The label that marks the one failed-night issue. */
export const FAILURE_LABEL = 'nightly-failure';
/** Lines of the reason file quoted in the issue. */
const REASON_LINES = 20;

/** A GitHub API request that failed: method, URL, status and GitHub's message. */
export class GitHubApiError extends CatalogError {}

/** Where and as whom to talk to GitHub. */
export interface GitHubTarget {
  /** API root, no trailing slash (default `https://api.github.com`). */
  api: string;
  /** `owner/name`. */
  repository: string;
  token: string;
}

/** The settings from the environment; a UsageError naming what is missing. */
export function targetFromEnv(env: Readonly<Record<string, string | undefined>>): GitHubTarget {
  const token = env['GH_TOKEN'] || env['GITHUB_TOKEN'];
  if (token === undefined || token === '') throw new UsageError('set GH_TOKEN or GITHUB_TOKEN to a token that may write issues', 'environment');
  const repository = env['GITHUB_REPOSITORY'] ?? '';
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new UsageError(`GITHUB_REPOSITORY must be owner/name, got ${JSON.stringify(repository)}`, 'environment');
  return { api: (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, ''), repository, token };
}

/** One API call; the parsed JSON answer. */
async function call(target: GitHubTarget, method: string, path: string, body?: unknown): Promise<unknown> {
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
  return text === '' ? null : (JSON.parse(text) as unknown);
}

/** The title of the one failed-night issue. */
export const FAILURE_TITLE = 'Nightly crawl failed';

/**
 * The number of the open failed-night issue, if there is one: found by its label, or by its title in
 * case the label could not be set (GitHub drops labels a token may not create).
 */
async function openIssue(target: GitHubTarget): Promise<number | undefined> {
  const found = await call(target, 'GET', '/issues?state=open&per_page=100&sort=created&direction=desc');
  for (const issue of Array.isArray(found) ? (found as unknown[]) : []) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { number, title, labels, pull_request: pull } = issue as { number?: unknown; title?: unknown; labels?: unknown; pull_request?: unknown };
    const labelled = Array.isArray(labels) && labels.some((label: unknown) => (typeof label === 'string' ? label : (label as { name?: unknown } | null)?.name) === FAILURE_LABEL);
    if (typeof number === 'number' && pull === undefined && (labelled || title === FAILURE_TITLE)) return number;
  }
  return undefined;
}

/** The body of a failed night's issue or comment: the run, and the reason quoted. */
export function failureText(run: string, reason: string | undefined): string {
  const lines = (reason ?? '').split('\n').map((line) => line.trimEnd()).filter((line) => line !== '').slice(-REASON_LINES);
  const quoted = lines.length === 0 ? 'The run left no reason: see its log.' : ['```text', ...lines.map((line) => line.replaceAll('```', "'''")), '```'].join('\n');
  return `The nightly crawl failed or was refused: ${run}\n\nYesterday's data and site stay published. The reason:\n\n${quoted}\n\nThe next good night closes this issue.`;
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
  await call(target, 'POST', `/issues/${existing}/comments`, { body: `The nightly crawl succeeded again: ${run}` });
  await call(target, 'PATCH', `/issues/${existing}`, { state: 'closed', state_reason: 'completed' });
  return `closed issue #${existing}`;
}

export async function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env, io: Io = processIo): Promise<number> {
  return runCli('night-issue', io, async () => {
    const [action, ...rest] = argv;
    const values = parseOptions(action === 'open' || action === 'close' ? rest : argv, { run: { type: 'string' }, 'reason-file': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } });
    if (values.help) {
      io.out(`${HELP}\n`);
      return EXIT.ok;
    }
    if (action !== 'open' && action !== 'close') throw new UsageError(`expected open or close first, got ${JSON.stringify(action ?? '')}`, 'arguments');
    if (values.run === undefined || values.run === '') throw new UsageError('the workflow run URL is required', '--run');
    const target = targetFromEnv(env);
    const reasonFile = values['reason-file'];
    const reason = reasonFile === undefined ? undefined : await readFile(reasonFile, 'utf8').catch(() => undefined);
    io.out(`${action === 'open' ? await reportFailure(target, values.run, reason) : await reportRecovery(target, values.run)}\n`);
    return EXIT.ok;
  });
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
