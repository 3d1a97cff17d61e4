// The two GitHub workflows, checked the way a careful maintainer would review them: valid against
// GitHub's workflow schema (action-validator, from npm), every `npm run` script they call exists, every
// action pinned to a full commit SHA with its version beside it, permissions declared per job and least
// where it matters, Node from .nvmrc, the secret only ever in an env block.
import { readFile } from 'node:fs/promises';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url);
const WORKFLOWS = ['.github/workflows/nightly.yml', '.github/workflows/ci.yml'] as const;

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown>; if?: string; name?: string; id?: string }
interface Job { permissions?: Record<string, string> | string; steps?: Step[]; needs?: string | string[]; if?: string; environment?: unknown }
interface Workflow { on: Record<string, unknown>; permissions?: unknown; concurrency?: unknown; jobs: Record<string, Job> }

const text = (path: string): Promise<string> => readFile(new URL(path, ROOT), 'utf8');
const workflow = async (path: string): Promise<Workflow> => parse(await text(path)) as Workflow;
const steps = (wf: Workflow): Step[] => Object.values(wf.jobs).flatMap((job) => job.steps ?? []);

describe('workflows', () => {
  it('are valid GitHub workflows by the schema action-validator checks against', async () => {
    for (const path of WORKFLOWS) expect(validateWorkflow(await text(path)).errors, path).toEqual([]);
    // The validator does catch a broken one.
    expect(validateWorkflow('on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n').errors.length).toBeGreaterThan(0);
  });

  it('call only npm scripts that package.json defines', async () => {
    const bodies = (JSON.parse(await text('package.json')) as { scripts: Record<string, string> }).scripts;
    const scripts = Object.keys(bodies);
    let calls = 0;
    for (const path of WORKFLOWS) {
      for (const step of steps(await workflow(path))) {
        for (const match of (step.run ?? '').matchAll(/npm run (?:--silent )?([\w:-]+)/g)) {
          expect(scripts, `${path}: npm run ${match[1]}`).toContain(match[1]);
          calls += 1;
        }
        // A script run with `exec` (so node gets the step's signals) must be a package script's own command.
        for (const match of (step.run ?? '').matchAll(/^exec (node [^\n]*?\.ts)\b/gm)) {
          expect(Object.values(bodies), `${path}: exec ${match[1]}`).toContain(match[1]);
          calls += 1;
        }
      }
    }
    expect(calls).toBeGreaterThanOrEqual(5);
  });

  it('pin every action to a full commit SHA, with its version in a comment', async () => {
    for (const path of WORKFLOWS) {
      const uses = (await text(path)).split('\n').filter((line) => /^\s*(- )?uses:/.test(line));
      expect(uses.length, path).toBeGreaterThan(1);
      for (const line of uses) expect(line, path).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it('grant nothing at the top and declare permissions on every job', async () => {
    for (const path of WORKFLOWS) {
      const wf = await workflow(path);
      expect(wf.permissions, path).toEqual({});
      for (const [name, job] of Object.entries(wf.jobs)) expect(job.permissions, `${path}: ${name}`).toBeTypeOf('object');
    }
  });

  it('take Node from .nvmrc and install with npm ci', async () => {
    for (const path of WORKFLOWS) {
      for (const job of Object.values((await workflow(path)).jobs)) {
        const all = job.steps ?? [];
        const setup = all.filter((step) => step.uses?.startsWith('actions/setup-node@') === true);
        for (const step of setup) expect(step.with?.['node-version-file'], path).toBe('.nvmrc');
        if (setup.length > 0) expect(all.some((step) => /^npm ci\b|bash \.ci\/run/.test(step.run ?? '')), path).toBe(true);
      }
    }
  });
});

describe('workflows: nightly', () => {
  it('runs shortly after midnight in Shanghai on an off-minute, by hand with allow_shrink, never two at once', async () => {
    const wf = await workflow('.github/workflows/nightly.yml');
    const [cron] = (wf.on['schedule'] as { cron: string }[]).map((entry) => entry.cron.split(' '));
    const [minute, hour] = [Number(cron?.[0]), Number(cron?.[1])];
    expect(minute % 15).not.toBe(0);
    // UTC+8: 16:xx UTC is 00:xx in Shanghai.
    expect((hour + 8) % 24).toBe(0);
    expect(wf.on['workflow_dispatch']).toMatchObject({ inputs: { allow_shrink: { type: 'boolean', default: false } } });
    expect(wf.concurrency).toMatchObject({ group: expect.any(String), 'cancel-in-progress': false });
  });

  it('crawls only where switched on, writes contents only in the crawl, and deploys with pages rights only in deploy', async () => {
    const { jobs } = await workflow('.github/workflows/nightly.yml');
    expect(jobs['crawl']?.if).toMatch(/vars\.NIGHTLY_ENABLED == 'true'/);
    for (const [name, job] of Object.entries(jobs)) {
      const perms = job.permissions as Record<string, string>;
      // The dataset job writes releases (its month's assets), never the branch.
      expect(perms['contents'] === 'write', name).toBe(name === 'crawl' || name === 'dataset');
      expect(perms['pages'] === 'write' || perms['id-token'] === 'write', name).toBe(name === 'deploy');
    }
    expect(jobs['build']?.needs).toBe('crawl');
    expect(jobs['deploy']?.needs).toBe('build');
    expect(jobs['deploy']?.steps?.map((step) => step.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
  });

  it('commits the data in the crawl job, before any build, with the night in the message', async () => {
    const crawl = (await workflow('.github/workflows/nightly.yml')).jobs['crawl']?.steps ?? [];
    const names = crawl.map((step) => step.name ?? step.uses ?? step.run);
    expect(names.indexOf('Crawl')).toBeLessThan(names.indexOf('Commit data'));
    const commit = crawl.find((step) => step.name === 'Commit data')?.run ?? '';
    expect(commit).toContain('npm run --silent commit-message');
    expect(commit).toContain('bash scripts/push-data.sh "$RUNNER_TEMP/crawl-stderr.log"');
    expect(commit).not.toMatch(/git push/);
    expect(crawl.some((step) => /npm run (build|nightly)\b/.test(step.run ?? ''))).toBe(false);
    // The night's removals (snapshot files pruned into history) are committed too, and the checkout is
    // of the newest commit only, which is all a night needs.
    expect(commit).toContain('git add --all data');
    const checkout = crawl.find((step) => step.uses?.startsWith('actions/checkout@') === true);
    expect(checkout?.with?.['fetch-depth']).toBe(1);
  });

  it('reports a failed night in one issue and closes it after a good one', async () => {
    const crawl = (await workflow('.github/workflows/nightly.yml')).jobs['crawl']?.steps ?? [];
    const open = crawl.find((step) => /night-issue -- open/.test(step.run ?? ''));
    const close = crawl.find((step) => /night-issue -- close/.test(step.run ?? ''));
    // A night that timed out is cancelled, and that is reported as well.
    expect(open?.if).toBe('failure() || cancelled()');
    expect(close?.if).toBeUndefined();
    // Its reason is kept as data too, before the issue: the record-night command writes only nights.json.
    const record = crawl.find((step) => /npm run --silent record-night -- --reason-file "\$RUNNER_TEMP\/crawl-stderr.log"/.test(step.run ?? ''));
    expect(record?.if).toBe('failure() || cancelled()');
    expect(record?.run).toContain('git add data/nights.json');
    expect(record?.run).toContain('bash scripts/push-data.sh');
    expect(crawl.indexOf(record!)).toBeLessThan(crawl.indexOf(open!));
  });

  it('runs the crawl and the build as the package scripts do, with node itself receiving a cancelled step’s signal', async () => {
    const scripts = (JSON.parse(await text('package.json')) as { scripts: Record<string, string> }).scripts;
    const jobs = (await workflow('.github/workflows/nightly.yml')).jobs;
    const crawl = jobs['crawl']?.steps?.find((step) => step.name === 'Crawl')?.run ?? '';
    const build = jobs['build']?.steps?.find((step) => step.name === 'Build the site')?.run ?? '';
    expect(crawl.startsWith(`exec ${scripts['crawl']} `), crawl).toBe(true);
    expect(build.trim()).toBe(`exec ${scripts['build']}`);
    for (const step of steps(await workflow('.github/workflows/nightly.yml'))) expect(step.run ?? '', step.name).not.toMatch(/npm run (crawl|build)\b/);
  });

  it('keeps the write token out of .git/config: only the push step gets it', async () => {
    const wf = await workflow('.github/workflows/nightly.yml');
    for (const [name, job] of Object.entries(wf.jobs)) {
      for (const step of job.steps ?? []) {
        if (step.uses?.startsWith('actions/checkout@') === true) expect(step.with?.['persist-credentials'], name).toBe(false);
      }
    }
    const crawl = wf.jobs['crawl']?.steps ?? [];
    const withToken = crawl.filter((step) => JSON.stringify(step.env ?? {}).includes('github.token')).map((step) => step.name);
    expect(withToken).toEqual(['Commit data', 'Close the failed-night issue', 'Record the night without a snapshot', 'Open or update the failed-night issue']);
  });

  it('hands the ModelScope token to the crawl through env only, never in a command line', async () => {
    const source = await text('.github/workflows/nightly.yml');
    const lines = source.split('\n').filter((line) => line.includes('secrets.'));
    expect(lines).toEqual(['          MODELSCOPE_TOKEN: ${{ secrets.MODELSCOPE_TOKEN }}']);
    for (const step of steps(await workflow('.github/workflows/nightly.yml'))) expect(step.run ?? '', step.name).not.toMatch(/secrets\.|MODELSCOPE_TOKEN/);
  });
});

describe('workflows: CI', () => {
  it('runs .ci/run on pushes and pull requests', async () => {
    const wf = await workflow('.github/workflows/ci.yml');
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
    expect(steps(wf).map((step) => step.run).filter(Boolean)).toEqual(['bash .ci/run']);
  });
});
