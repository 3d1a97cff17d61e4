// The one "nightly crawl failed" issue, against a fake GitHub API on 127.0.0.1: opened once, commented on
// by later failed nights, closed by the next good night; the token sent, never printed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAILURE_LABEL, FAILURE_TITLE, failureText, main } from '../scripts/night-issue.ts';
import { tempDir } from './helpers.ts';

const TOKEN = 'ghs_secretTOKEN123';
const RUN = 'https://github.com/o/r/actions/runs/42';

interface FakeIssue { number: number; title: string; body: string; state: string; labels: { name: string }[]; comments: string[]; user: { login: string } }

/** The login GitHub gives issues opened with the workflow's token. */
const BOT = 'github-actions[bot]';
/** GitHub refuses bodies longer than this with 422. */
const GITHUB_BODY_LIMIT = 65_536;

/** A GitHub issues API for repository o/r, in memory. */
function fakeGitHub() {
  const issues: FakeIssue[] = [];
  const calls: string[] = [];
  let failWith: number | undefined;
  let filterCreator = true;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      calls.push(`${req.method} ${url.pathname}`);
      const send = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { message: 'Bad credentials' });
      if (failWith !== undefined) return send(failWith, { message: 'Server Error' });
      const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      const match = /^\/repos\/o\/r\/issues(?:\/(\d+))?(\/comments)?$/.exec(url.pathname);
      const issue = match?.[1] === undefined ? undefined : issues.find((i) => i.number === Number(match[1]));
      if (match === null) return send(404, { message: 'Not Found' });
      if (typeof body['body'] === 'string' && body['body'].length > GITHUB_BODY_LIMIT) return send(422, { message: 'Validation Failed' });
      if (req.method === 'GET' && match[1] === undefined) {
        // GitHub's filters and pages: state, labels, creator, per_page, page, and a Link header to the next page.
        const label = url.searchParams.get('labels');
        const creator = url.searchParams.get('creator');
        const all = issues.filter((i) => i.state === url.searchParams.get('state') && (label === null || i.labels.some((l) => l.name === label)) && (creator === null || !filterCreator || i.user.login === creator));
        const per = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
        const page = Number(url.searchParams.get('page') ?? 1);
        const slice = all.slice((page - 1) * per, page * per);
        const link = page * per < all.length ? { link: `<http://x/next?page=${page + 1}>; rel="next"` } : {};
        return void res.writeHead(200, { 'content-type': 'application/json', ...link }).end(JSON.stringify(slice));
      }
      if (req.method === 'POST' && match[1] === undefined) {
        const created: FakeIssue = { number: issues.length + 1, title: String(body['title']), body: String(body['body']), state: 'open', labels: (body['labels'] as string[]).map((name) => ({ name })), comments: [], user: { login: BOT } };
        issues.push(created);
        return send(201, created);
      }
      if (issue === undefined) return send(404, { message: 'Not Found' });
      if (req.method === 'POST' && match[2] !== undefined) {
        issue.comments.push(String(body['body']));
        return send(201, {});
      }
      if (req.method === 'PATCH') {
        issue.state = String(body['state']);
        return send(200, issue);
      }
      return send(405, { message: 'no' });
    });
  });
  return { server, issues, calls, fail: (status: number | undefined) => void (failWith = status), ignoreCreator: () => void (filterCreator = false) };
}

let fake: ReturnType<typeof fakeGitHub>;
let env: Record<string, string>;
beforeEach(async () => {
  fake = fakeGitHub();
  await new Promise<void>((done) => fake.server.listen(0, '127.0.0.1', done));
  env = { GH_TOKEN: TOKEN, GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}` };
});
afterEach(async () => {
  await new Promise((done) => fake.server.close(done));
});

async function run(argv: string[], environment = env) {
  let out = '';
  let err = '';
  const code = await main(argv, environment, { out: (t) => void (out += t), err: (t) => void (err += t) });
  expect(out + err).not.toContain(TOKEN);
  return { code, out, err };
}

describe('scripts/night-issue', () => {
  it('opens one labelled issue quoting the reason, then comments on it on later failed nights', async () => {
    const dir = await tempDir('night-issue-');
    const reason = join(dir, 'stderr.log');
    await writeFile(reason, 'npm warn noise\ncrawl: refused (filter-ignored): the catalog answered 61,000 models without the filter\n');
    expect(await run(['open', '--run', RUN, '--reason-file', reason])).toEqual({ code: 0, out: 'opened issue #1\n', err: '' });
    expect(fake.issues).toHaveLength(1);
    expect(fake.issues[0]).toMatchObject({ title: FAILURE_TITLE, state: 'open', labels: [{ name: FAILURE_LABEL }] });
    expect(fake.issues[0]?.body).toContain(RUN);
    expect(fake.issues[0]?.body).toContain('crawl: refused (filter-ignored): the catalog answered 61,000 models without the filter');
    expect(await run(['open', '--run', `${RUN}3`])).toEqual({ code: 0, out: 'commented on issue #1\n', err: '' });
    expect(fake.issues).toHaveLength(1);
    expect(fake.issues[0]?.comments[0]).toContain(`${RUN}3`);
  });

  it('closes the open issue with a comment after a good night, and does nothing when none is open', async () => {
    expect((await run(['close', '--run', RUN])).out).toBe('no failed-night issue open\n');
    expect(fake.calls.filter((call) => !call.startsWith('GET'))).toEqual([]);
    await run(['open', '--run', RUN]);
    expect(await run(['close', '--run', `${RUN}9`])).toEqual({ code: 0, out: 'closed issue #1\n', err: '' });
    expect(fake.issues[0]).toMatchObject({ state: 'closed', comments: [`The nightly crawl succeeded again: ${RUN}9`] });
    // The next failure opens a new one.
    expect((await run(['open', '--run', RUN])).out).toBe('opened issue #2\n');
  });

  it('never touches an issue someone else opened, whatever its title or label', async () => {
    fake.issues.push({ number: 1, title: FAILURE_TITLE, body: '', state: 'open', labels: [], comments: [], user: { login: 'mallory' } });
    fake.issues.push({ number: 2, title: FAILURE_TITLE, body: '', state: 'open', labels: [{ name: FAILURE_LABEL }], comments: [], user: { login: 'mallory' } });
    fake.issues.push({ number: 3, title: FAILURE_TITLE, body: '', state: 'open', labels: [], comments: [], user: { login: BOT } });
    expect((await run(['open', '--run', RUN])).out).toBe('opened issue #4\n');
    expect((await run(['close', '--run', RUN])).out).toBe('closed issue #4\n');
    for (const issue of fake.issues.slice(0, 3)) expect(issue).toMatchObject({ state: 'open', comments: [] });
  });

  it('finds its issue beyond the first page of results, so a busy repository gets no duplicate', async () => {
    for (let n = 1; n <= 230; n += 1) fake.issues.push({ number: n, title: `bug ${n}`, body: '', state: 'open', labels: [{ name: FAILURE_LABEL }], comments: [], user: { login: `user${n}` } });
    fake.issues.push({ number: 231, title: FAILURE_TITLE, body: '', state: 'open', labels: [{ name: FAILURE_LABEL }], comments: [], user: { login: BOT } });
    // Here the fake ignores `creator`, as a server that does not filter would: the script checks the author itself.
    fake.ignoreCreator();
    expect((await run(['open', '--run', RUN], { ...env, NIGHT_ISSUE_AUTHOR: BOT })).out).toBe('commented on issue #231\n');
    expect(fake.issues).toHaveLength(231);
  });

  it('another author can be named for a personal token, and a malformed one is a usage error', async () => {
    fake.issues.push({ number: 5, title: FAILURE_TITLE, body: '', state: 'open', labels: [{ name: FAILURE_LABEL }], comments: [], user: { login: 'nightly-bot' } });
    expect((await run(['open', '--run', RUN], { ...env, NIGHT_ISSUE_AUTHOR: 'nightly-bot' })).out).toBe('commented on issue #5\n');
    const bad = await run(['open', '--run', RUN], { ...env, NIGHT_ISSUE_AUTHOR: 'a b' });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^night-issue: environment: NIGHT_ISSUE_AUTHOR must be a GitHub login/);
  });

  it('a huge or hostile reason still delivers: bounded, fences and control characters neutralised', async () => {
    const dir = await tempDir('night-issue-');
    const reason = join(dir, 'stderr.log');
    const hostile = 'crawl: failed: ```\n@everyone \u202eevil\u0007 ' + 'x'.repeat(1_000_000);
    await writeFile(reason, `${Array.from({ length: 5000 }, (_, i) => `noise ${i} ${'y'.repeat(300)}`).join('\n')}\n${hostile}\n`);
    expect(await run(['open', '--run', RUN, '--reason-file', reason])).toEqual({ code: 0, out: 'opened issue #1\n', err: '' });
    const body = fake.issues[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    // One fence opens and one closes; the quoted text holds none, so it cannot break out into markup.
    expect(body.match(/```/g)).toHaveLength(2);
    expect(body).not.toMatch(/[\u0007\u202e]/);
    expect(body).toContain('\\u{202e}evil\\u{7}');
    expect(body).toMatch(/more characters\)/);
    expect(await run(['open', '--run', RUN, '--reason-file', reason])).toEqual({ code: 0, out: 'commented on issue #1\n', err: '' });
    expect(fake.issues[0]?.comments[0]?.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
  });

  it('fails with one line naming the request when GitHub answers an error, and exits 2 on bad usage', async () => {
    fake.fail(500);
    const failed = await run(['open', '--run', RUN]);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/^night-issue: GET http:\/\/127\.0\.0\.1:\d+\/repos\/o\/r\/issues\?state=open&labels=nightly-failure&creator=github-actions%5Bbot%5D.*: HTTP 500: Server Error\n$/);
    const noToken = await run(['open', '--run', RUN], { GITHUB_REPOSITORY: 'o/r' });
    expect(noToken).toMatchObject({ code: 2 });
    expect(noToken.err).toMatch(/^night-issue: environment: set GH_TOKEN or GITHUB_TOKEN/);
    expect((await run(['reopen', '--run', RUN])).code).toBe(2);
    expect((await run(['open'])).err).toMatch(/--run: the workflow run URL is required/);
  });

  it('quotes at most the last 20 lines of the reason, and says so when there is none', () => {
    const long = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    const text = failureText(RUN, long);
    expect(text).toContain('line 29');
    expect(text).toContain('line 10');
    expect(text).not.toContain('line 9\n');
    expect(failureText(RUN, undefined)).toContain('The run left no reason: see its log.');
  });
});
