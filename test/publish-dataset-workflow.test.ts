// Where the dataset goes: the nightly workflow's dataset job (after a good crawl, beside the site build,
// allowed to write releases only) and the release script it runs, which reads only files the dataset
// command wrote; and api/index.json naming the URLs.
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { apiIndexJson } from '../publish/api.ts';
import { datasetUrls, DATASET_FILES } from '../publish/dataset/files.ts';
import packageJson from '../package.json' with { type: 'json' };

const ROOT = new URL('../', import.meta.url);

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown>; name?: string }
interface Job { permissions?: Record<string, string>; steps?: Step[]; needs?: string; 'timeout-minutes'?: number }

describe('publish/dataset: the nightly workflow', () => {
  it('writes the dataset after a good crawl, beside the build, and attaches it to the month’s release', async () => {
    const { readFile } = await import('node:fs/promises');
    const wf = parse(await readFile(new URL('.github/workflows/nightly.yml', ROOT), 'utf8')) as { jobs: Record<string, Job> };
    const job = wf.jobs['dataset'] as Job;
    expect(job.needs).toBe('crawl');
    expect(job.permissions).toEqual({ contents: 'write' });
    expect(job['timeout-minutes']).toBeLessThanOrEqual(30);
    // Nothing waits on it: the site is built and deployed whatever happens here.
    for (const [name, other] of Object.entries(wf.jobs)) expect(other.needs, name).not.toBe('dataset');
    const steps = job.steps ?? [];
    expect(steps.find((step) => step.uses?.startsWith('actions/checkout@') === true)?.with).toMatchObject({ 'persist-credentials': false });
    const write = steps.find((step) => step.name === 'Write the dataset')?.run ?? '';
    expect(write).toBe(`exec ${packageJson.scripts.dataset} --data data --out "$RUNNER_TEMP/dataset"`);
    const attach = steps.find((step) => step.name === 'Attach it to the month\'s release');
    expect(attach?.run).toBe('bash publish/dataset/release.sh "$RUNNER_TEMP/dataset"');
    // The token reaches that step only.
    expect(steps.filter((step) => JSON.stringify(step.env ?? {}).includes('github.token')).map((step) => step.name)).toEqual([attach?.name]);
  });

  it('the release script refuses a directory without a manifest, in one line, before calling gh', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dataset-release-'));
    const fail = (): string => {
      try {
        execFileSync('bash', ['publish/dataset/release.sh', dir], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env['PATH'] ?? ''}` } });
      } catch (error) {
        return (error as { stderr: string }).stderr;
      }
      return 'succeeded';
    };
    expect(fail()).toMatch(/^release: .*manifest\.json: no manifest; write the dataset first/);
    await writeFile(join(dir, DATASET_FILES.manifest), '{"through":"soon"}');
    expect(fail()).toMatch(/^release: .*bad through date "soon"\n$/);
  });

  it('records the release, tag and files it would publish (gh stubbed)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dataset-release-'));
    const bin = join(dir, 'bin');
    execFileSync('mkdir', ['-p', bin]);
    await writeFile(join(bin, 'gh'), `#!/bin/sh\necho "$*" >> "${join(dir, 'calls')}"\n[ "$2" = view ] && exit 1\nexit 0\n`, { mode: 0o755 });
    await writeFile(join(dir, DATASET_FILES.manifest), '{"through":"2026-03-05"}');
    await writeFile(join(dir, DATASET_FILES.sums), `${'a'.repeat(64)}  ${DATASET_FILES.parquet}\n${'b'.repeat(64)}  ${DATASET_FILES.csv}\n`);
    const out = execFileSync('bash', ['publish/dataset/release.sh', dir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` } });
    expect(out).toBe('dataset through 2026-03-05 attached to release dataset-2026-03\n');
    const calls = execFileSync('cat', [join(dir, 'calls')], { encoding: 'utf8' }).trim().split('\n');
    expect(calls[0]).toBe('release view dataset-2026-03');
    expect(calls[1]).toMatch(new RegExp(`^release create dataset-2026-03 ${dir}/${DATASET_FILES.parquet} ${dir}/${DATASET_FILES.csv} ${dir}/manifest.json ${dir}/SHA256SUMS --target [0-9a-f]{40} --title Dataset 2026-03 --notes .* --latest$`));
  });
});

describe('publish/dataset: api/index.json', () => {
  it('names the dataset’s URLs', () => {
    const counts = { models: 0, modelsEverSeen: 0, days: 0, events: 0, snapshotsPublished: 0, snapshotsAvailable: 0, departedArchived: 0 };
    const index = JSON.parse(apiIndexJson('https://example.org/', null, counts)) as { dataset: unknown };
    expect(index.dataset).toEqual(datasetUrls());
    expect(datasetUrls('o/r')).toEqual({
      manifest: 'https://github.com/o/r/releases/latest/download/manifest.json',
      parquet: `https://github.com/o/r/releases/latest/download/${DATASET_FILES.parquet}`,
      csv: `https://github.com/o/r/releases/latest/download/${DATASET_FILES.csv}`,
      sqlite: `https://github.com/o/r/releases/latest/download/${DATASET_FILES.sqlite}`,
      release: 'https://github.com/o/r/releases/tag/dataset-{month}',
      file: 'https://github.com/o/r/releases/download/dataset-{month}/{file}',
      docs: 'https://github.com/o/r/blob/main/docs/dataset.md',
    });
  });
});
