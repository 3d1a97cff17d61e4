// The snippets are run for real under POSIX sh (dash here), with `curl` and `sleep` replaced by shell
// functions that record their arguments: what reaches curl is what a reader's shell would send.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelPage, shellJson, snippetKind, usageSnippet, type SnippetModel } from '../site/src/lib/model/snippets.ts';
import { tempDir } from './helpers.ts';

/** A model record's call-relevant fields; an OpenAI-less, AIGC-less model unless overridden. */
const model = (overrides: Partial<SnippetModel> = {}): SnippetModel => ({
  id: 'owner/name', openaiApi: false, aigcType: '', inferenceType: 'txt2txt', baseModels: [], tasks: [], ...overrides,
});
const lora = (id: string, base?: string): SnippetModel =>
  model({ id, aigcType: 'LoRA', inferenceType: 'txt2img', baseModels: base === undefined ? [] : [{ id: base, revision: 'v1' }] });

const HOSTILE = `evil/x'"$(touch pwned)\`touch pwned2\`;\n<script>alert(1)</script>\\ $HOME \u2028 ''`;

/** What one fake curl call received. */
interface Call {
  args: string[];
  /** The parsed `-d` body, when there was one. */
  body: unknown;
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * Runs `text` under sh with fake curl/sleep; curl answers `answers(url, nth call to that url)`, a function
 * written out as source for the fake to load, so it must not close over anything. Returns the calls and stdout.
 */
async function run(text: string, answers: (url: string, nth: number) => string = () => '{}'): Promise<{ calls: Call[]; stdout: string; dir: string }> {
  const dir = await tempDir('snippet-');
  dirs.push(dir);
  const script = [
    'curl() {',
    '  n=$(ls "$LOG" | wc -l); : > "$LOG/$n"',
    '  for a in "$@"; do printf "%s\\0" "$a" >> "$LOG/$n"; done',
    '  for a in "$@"; do case $a in https://*) url=$a;; esac; done',
    '  k=$(ls "$LOG" | while read -r f; do tr "\\0" "\\n" < "$LOG/$f" | grep -Fx "$url"; done | wc -l)',
    '  node -e "process.stdout.write(require(process.env.ANSWERS)(process.argv[1], Number(process.argv[2])))" "$url" "$k"',
    '}',
    'sleep() { :; }',
    text,
  ].join('\n');
  const answersFile = join(dir, 'answers.cjs');
  await writeFile(answersFile, `module.exports = ${answers.toString()};`);
  await mkdir(join(dir, 'log'));
  const stdout = execFileSync('sh', ['-c', script], {
    cwd: dir,
    env: { PATH: process.env['PATH'] ?? '', LOG: join(dir, 'log'), ANSWERS: answersFile, MODELSCOPE_TOKEN: 'tok-123' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  const calls = readdirSync(join(dir, 'log')).sort((a, b) => Number(a) - Number(b)).map((file) => {
    const args = readFileSync(join(dir, 'log', file), 'utf8').split('\0').slice(0, -1);
    const data = args[args.indexOf('-d') + 1];
    return { args, body: args.includes('-d') && data !== undefined ? JSON.parse(data) : undefined };
  });
  return { calls, stdout, dir };
}

const header = (call: Call | undefined, name: string): string | undefined =>
  call?.args.find((a, i) => call.args[i - 1] === '-H' && a.toLowerCase().startsWith(`${name.toLowerCase()}:`));

describe('site/snippets/kind', () => {
  it('tells chat, image, LoRA and other models apart as the category badge does', () => {
    expect(snippetKind(model({ openaiApi: true }))).toBe('chat');
    expect(snippetKind(model({ aigcType: 'Checkpoint', inferenceType: 'txt2img' }))).toBe('image');
    expect(snippetKind(model({ inferenceType: 'img2img' }))).toBe('image');
    expect(snippetKind(model({ aigcType: 'LoRA' }))).toBe('lora');
    expect(snippetKind(model({ aigcType: 'lora' }))).toBe('lora');
    // Intentionally changed (issue 21.5): the kind follows the inference type and task before the gateway
    // flag. A txt2txt model takes a chat request; one of no known inference type is "other".
    expect(snippetKind(model({ inferenceType: '' }))).toBe('other');
    expect(snippetKind(model({ inferenceType: 'txt2audio' }))).toBe('other');
    expect(snippetKind(model())).toBe('chat');
    expect(snippetKind(model({ inferenceType: 'img2txt' }))).toBe('chat');
  });

  it('calls a text-to-image LoRA the gateway also serves as a LoRA, not as a chat model', () => {
    expect(snippetKind(model({ openaiApi: true, aigcType: 'LoRA', inferenceType: 'txt2img', tasks: ['text-to-image-synthesis'] }))).toBe('lora');
    expect(snippetKind(model({ openaiApi: true, inferenceType: 'txt2img' }))).toBe('image');
    expect(snippetKind(model({ openaiApi: true, inferenceType: '', tasks: ['text-to-image-synthesis'] }))).toBe('image');
    expect(snippetKind(model({ openaiApi: true, inferenceType: '' }))).toBe('chat');
  });
});

describe('site/snippets/calls', () => {
  it('calls chat completions on the gateway with the model id and the token from the environment', async () => {
    const snippet = usageSnippet(model({ id: 'Qwen/Qwen3-32B', openaiApi: true }));
    expect(snippet).toMatchObject({ kind: 'chat', language: 'sh' });
    const { calls } = await run(snippet.text);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args).toContain('https://api-inference.modelscope.cn/v1/chat/completions');
    expect(header(calls[0], 'Authorization')).toBe('Authorization: Bearer tok-123');
    expect(calls[0]?.body).toEqual({ model: 'Qwen/Qwen3-32B', messages: [{ role: 'user', content: 'Hello!' }] });
  });

  it('starts an image task asynchronously and polls it as an image task until it succeeds', async () => {
    const snippet = usageSnippet(model({ id: 'Qwen/Qwen-Image', aigcType: 'Checkpoint', inferenceType: 'txt2img' }));
    const answers = (url: string, nth: number): string =>
      url.endsWith('/images/generations') ? '{"task_id": "t-42", "request_id": "r"}'
        : nth < 3 ? '{"task_status":"RUNNING"}' : '{"task_status":"SUCCEED","output_images":["https://img/1.png"]}';
    const { calls, stdout } = await run(snippet.text, answers);
    expect(calls.map((c) => c.args.find((a) => a.startsWith('https://')))).toEqual([
      'https://api-inference.modelscope.cn/v1/images/generations',
      ...Array<string>(3).fill('https://api-inference.modelscope.cn/v1/tasks/t-42'),
    ]);
    expect(header(calls[0], 'X-ModelScope-Async-Mode')).toBe('X-ModelScope-Async-Mode: true');
    expect(calls[0]?.body).toEqual({ model: 'Qwen/Qwen-Image', prompt: 'A red fox in the snow' });
    expect(calls.slice(1).map((c) => header(c, 'X-ModelScope-Task-Type'))).toEqual(Array(3).fill('X-ModelScope-Task-Type: image_generation'));
    expect(calls.every((c) => header(c, 'Authorization') === 'Authorization: Bearer tok-123')).toBe(true);
    expect(stdout).toContain('https://img/1.png');
  });

  it('stops polling on FAILED, and on an answer that is no task at all', async () => {
    const text = usageSnippet(model({ aigcType: 'Checkpoint' })).text;
    const failed = await run(text, (url) => (url.includes('/tasks/') ? '{"task_status":"FAILED"}' : '{"task_id":"t"}'));
    expect(failed.calls).toHaveLength(2);
    const refused = await run(text, () => '{"errors":{"message":"Authentication failed"}}');
    expect(refused.calls).toHaveLength(2);
    expect(refused.stdout).toContain('Authentication failed');
  });

  it('sends an image-edit model an input image', async () => {
    const { calls } = await run(usageSnippet(model({ aigcType: 'Checkpoint', inferenceType: 'img2img' })).text, () => '{}');
    expect(calls[0]?.body).toMatchObject({ image_url: 'https://example.com/input.jpg' });
  });

  it('calls a LoRA through its first base model, the LoRA in loras', async () => {
    const snippet = usageSnippet(model({ ...lora('someone/cute'), baseModels: [{ id: 'MusePublic/Qwen-image', revision: 'v1' }, { id: 'x/y', revision: null }] }));
    expect(snippet.kind).toBe('lora');
    const { calls } = await run(snippet.text, () => '{}');
    expect(calls[0]?.body).toEqual({ model: 'MusePublic/Qwen-image', prompt: 'A red fox in the snow', loras: 'someone/cute' });
  });

  it('calls a LoRA through the companion ModelScope names for it, its trigger words opening the prompt', async () => {
    const snippet = usageSnippet(model({
      ...lora('someone/ink', 'black-forest-labs/FLUX.1-dev'),
      companion: { id: 'MusePublic/Qwen-image', revision: 'v1' },
      triggerWords: ['ink style', 'sumi-e'],
    }));
    const { calls } = await run(snippet.text, () => '{}');
    expect(calls[0]?.body).toEqual({ model: 'MusePublic/Qwen-image', prompt: 'ink style, sumi-e, A red fox in the snow', loras: 'someone/ink' });
    expect(snippet.text).toContain('# Called through its companion base model at revision v1.');
  });

  it('keeps hostile trigger words and revisions inside the JSON body or percent-encoded in a comment', async () => {
    const snippet = usageSnippet(model({
      ...lora('someone/ink', 'a/b'),
      companion: { id: HOSTILE, revision: "v1'\n$(touch pwned)" },
      triggerWords: [`'; touch pwned; echo '`, '\n$(touch pwned2)'],
    }));
    const { calls, dir } = await run(snippet.text, () => '{"task_status":"FAILED"}');
    expect((calls[0]?.body as { prompt: string }).prompt).toBe(`'; touch pwned; echo ', \n$(touch pwned2), A red fox in the snow`);
    expect(existsSync(join(dir, 'pwned')) || existsSync(join(dir, 'pwned2'))).toBe(false);
    expect(snippet.text.split('\n').filter((line) => line.startsWith('#')).every((line) => !line.includes("'"))).toBe(true);
  });

  it('says so when a LoRA has no known base model, and leaves a placeholder to fill', async () => {
    const snippet = usageSnippet(lora('someone/orphan'));
    expect(snippet.text.split('\n').filter((line) => line.startsWith('#')).join()).toMatch(/no base model/);
    const { calls } = await run(snippet.text, () => '{}');
    expect(calls[0]?.body).toMatchObject({ model: 'BASE-MODEL-ID', loras: 'someone/orphan' });
  });

  it('points any other model to its ModelScope page, calling nothing', async () => {
    const snippet = usageSnippet(model({ id: 'iic/speech model', inferenceType: 'txt2audio' }));
    expect(snippet.kind).toBe('other');
    expect(snippet.text).toContain('https://modelscope.cn/models/iic/speech%20model');
    expect((await run(snippet.text)).calls).toEqual([]);
  });
});

describe('site/snippets/hostile-ids', () => {
  it('passes any id through to the JSON body unchanged, running nothing it holds', async () => {
    for (const snippet of [usageSnippet(model({ id: HOSTILE, openaiApi: true })), usageSnippet(model({ id: HOSTILE, aigcType: 'Checkpoint' })), usageSnippet(lora(HOSTILE, HOSTILE))]) {
      const { calls, dir } = await run(snippet.text, () => '{"task_status":"FAILED"}');
      const body = calls[0]?.body as Record<string, unknown>;
      expect(snippet.kind === 'lora' ? [body['model'], body['loras']] : [body['model']]).toEqual(snippet.kind === 'lora' ? [HOSTILE, HOSTILE] : [HOSTILE]);
      expect(existsSync(join(dir, 'pwned')) || existsSync(join(dir, 'pwned2'))).toBe(false);
      expect(snippet.text).not.toMatch(/<script|<\/script/i);
    }
  });

  it('keeps every line of the other-model note a comment', async () => {
    const snippet = usageSnippet(model({ id: HOSTILE, inferenceType: '' }));
    expect(snippet.text.trimEnd().split('\n').every((line) => line.startsWith('# '))).toBe(true);
    expect(modelPage(HOSTILE)).toMatch(/^https:\/\/modelscope\.cn\/models\/evil\/[A-Za-z0-9%._~!*()/-]+$/);
    expect((await run(snippet.text)).calls).toEqual([]);
  });

  it('quotes a value as one shell word that reads back as the same JSON', () => {
    const value = { a: HOSTILE };
    const word = execFileSync('sh', ['-c', `printf %s ${shellJson(value)}`], { encoding: 'utf8' });
    expect(JSON.parse(word)).toEqual(value);
  });
});

describe('site/snippets/size', () => {
  it('stays short enough for tens of thousands of pages, the token never written out', () => {
    const sizes = {
      chat: usageSnippet(model({ id: 'Qwen/Qwen3-235B-A22B-Instruct-2507', openaiApi: true })).text.length,
      lora: usageSnippet(lora('someone/Flux-Anime-Style-LoRA-v2', 'black-forest-labs/FLUX.1-dev')).text.length,
    };
    expect(sizes.chat).toBeLessThan(300);
    expect(sizes.lora).toBeLessThan(680);
    for (const snippet of [usageSnippet(model({ openaiApi: true })), usageSnippet(lora('a/b', 'c/d'))]) {
      expect(snippet.text).toContain('$MODELSCOPE_TOKEN');
      expect(snippet.text).toMatch(/\n$/);
    }
  });
});
