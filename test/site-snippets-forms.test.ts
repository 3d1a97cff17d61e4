// The Python and JavaScript forms of the snippets, run for real against fakes: Python with a fake `openai`
// and `requests` module on its path, JavaScript under Node with a fake `openai` package and `fetch`. What
// reaches the fake is what a reader's program would send; a hostile id must arrive unchanged and run nothing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { usageSnippet, type SnippetForm, type SnippetModel } from '../site/src/lib/model/snippets.ts';
import { tempDir } from './helpers.ts';

const model = (overrides: Partial<SnippetModel> = {}): SnippetModel => ({
  id: 'owner/name', openaiApi: false, aigcType: '', inferenceType: 'txt2txt', baseModels: [], tasks: [], ...overrides,
});
const HOSTILE = `evil/x'"$(touch pwned)\`touch pwned2\`;\n<script>alert(1)</script>\\ $HOME \u2028 ''"""\${process.exit(7)}#{x}{os.system("touch pwned3")}`;

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const form = (forms: readonly SnippetForm[], language: SnippetForm['language']): string => {
  const found = forms.find((f) => f.language === language);
  if (found === undefined) throw new Error(`no ${language} form`);
  return found.text;
};

const PY_FAKES = {
  'openai.py': [
    'import json, os',
    'class _Completions:',
    '    def create(self, **kw):',
    '        open(os.environ["OUT"], "w").write(json.dumps({"client": _Client.last, "call": kw}))',
    '        class M: content = "hi"',
    '        class C: message = M()',
    '        class R: choices = [C()]',
    '        return R()',
    'class _Chat: completions = _Completions()',
    'class _Client:',
    '    last = None',
    'def OpenAI(**kw):',
    '    _Client.last = kw',
    '    class O: chat = _Chat()',
    '    return O()',
  ].join('\n'),
  'requests.py': [
    'import json, os',
    'calls = []',
    'class _R:',
    '    def __init__(self, body): self.body = body',
    '    def json(self): return self.body',
    'def _log(method, url, headers, body=None):',
    '    calls.append({"method": method, "url": url, "headers": headers, "json": body})',
    '    open(os.environ["OUT"], "w").write(json.dumps(calls))',
    'def post(url, headers=None, json=None):',
    '    _log("POST", url, headers, json); return _R({"task_id": "t-1"})',
    'def get(url, headers=None):',
    '    _log("GET", url, headers); return _R({"task_status": "SUCCEED" if len(calls) > 2 else "RUNNING"})',
  ].join('\n'),
  'time.py': 'def sleep(s): pass',
};

async function runPython(text: string): Promise<{ out: unknown; dir: string }> {
  const dir = await tempDir('snippet-py-');
  dirs.push(dir);
  for (const [name, source] of Object.entries(PY_FAKES)) await writeFile(join(dir, name), source);
  await writeFile(join(dir, 'snippet.py'), text);
  execFileSync('python3', ['snippet.py'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', PYTHONPATH: dir, OUT: join(dir, 'out.json'), MODELSCOPE_TOKEN: 'tok-123' }, encoding: 'utf8', timeout: 20_000 });
  return { out: JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(join(dir, 'out.json'), 'utf8'))), dir };
}

async function runJs(text: string): Promise<{ out: unknown; dir: string }> {
  const dir = await tempDir('snippet-js-');
  dirs.push(dir);
  await mkdir(join(dir, 'node_modules', 'openai'), { recursive: true });
  await writeFile(join(dir, 'node_modules', 'openai', 'package.json'), JSON.stringify({ name: 'openai', type: 'module', main: 'index.js' }));
  await writeFile(join(dir, 'node_modules', 'openai', 'index.js'), [
    "import { writeFileSync } from 'node:fs';",
    'export default class OpenAI {',
    '  constructor(options) { this.options = options; const self = this;',
    '    this.chat = { completions: { create: async (call) => { writeFileSync(process.env.OUT, JSON.stringify({ client: self.options, call })); return { choices: [{ message: { content: "hi" } }] }; } } }; }',
    '}',
  ].join('\n'));
  const fakeFetch = [
    "import { writeFileSync } from 'node:fs';",
    'const calls = [];',
    'globalThis.setTimeout = (done) => done();',
    'globalThis.fetch = async (url, init = {}) => {',
    '  calls.push({ url, method: init.method ?? "GET", headers: init.headers, body: init.body === undefined ? undefined : JSON.parse(init.body) });',
    '  writeFileSync(process.env.OUT, JSON.stringify(calls));',
    '  const body = calls.length === 1 ? { task_id: "t-1" } : { task_status: calls.length > 2 ? "SUCCEED" : "RUNNING" };',
    '  return { json: async () => body };',
    '};',
  ].join('\n');
  await writeFile(join(dir, 'fake-fetch.mjs'), fakeFetch);
  await writeFile(join(dir, 'snippet.mjs'), text);
  execFileSync(process.execPath, ['--import', './fake-fetch.mjs', 'snippet.mjs'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', OUT: join(dir, 'out.json'), MODELSCOPE_TOKEN: 'tok-123' }, encoding: 'utf8', timeout: 20_000 });
  return { out: JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(join(dir, 'out.json'), 'utf8'))), dir };
}

const pwned = (dir: string): boolean => ['pwned', 'pwned2', 'pwned3'].some((name) => existsSync(join(dir, name)));

describe('site/snippets/forms', () => {
  it('gives chat and image models curl, Python and JavaScript forms, and other models only the note', () => {
    expect(usageSnippet(model()).forms.map((f) => f.language)).toEqual(['sh', 'python', 'js']);
    expect(usageSnippet(model({ aigcType: 'LoRA', inferenceType: 'txt2img', baseModels: [{ id: 'a/b', revision: null }] })).forms.map((f) => f.language)).toEqual(['sh', 'python', 'js']);
    expect(usageSnippet(model({ inferenceType: 'txt2audio' })).forms.map((f) => f.language)).toEqual(['sh']);
    expect(usageSnippet(model({ openaiApi: true, aigcType: 'LoRA', inferenceType: 'txt2img' })).text).not.toContain('chat/completions');
  });

  it('Python chat: the openai package at the gateway, the id arriving unchanged, nothing it holds run', async () => {
    const { out, dir } = await runPython(form(usageSnippet(model({ id: HOSTILE, openaiApi: true })).forms, 'python'));
    expect(out).toEqual({ client: { base_url: 'https://api-inference.modelscope.cn/v1/', api_key: 'tok-123' }, call: { model: HOSTILE, messages: [{ role: 'user', content: 'Hello!' }] } });
    expect(pwned(dir)).toBe(false);
  });

  it('JavaScript chat: the openai package at the gateway, the id arriving unchanged', async () => {
    const { out, dir } = await runJs(form(usageSnippet(model({ id: HOSTILE, openaiApi: true })).forms, 'js'));
    expect(out).toEqual({ client: { baseURL: 'https://api-inference.modelscope.cn/v1/', apiKey: 'tok-123' }, call: { model: HOSTILE, messages: [{ role: 'user', content: 'Hello!' }] } });
    expect(pwned(dir)).toBe(false);
  });

  it('Python and JavaScript LoRA: an async image task on the base model, the LoRA in loras, polled until it succeeds', async () => {
    const lora = model({ id: HOSTILE, aigcType: 'LoRA', inferenceType: 'txt2img', baseModels: [{ id: HOSTILE, revision: null }], triggerWords: [HOSTILE] });
    const snippet = usageSnippet(lora);
    for (const [run, text] of [[runPython, form(snippet.forms, 'python')], [runJs, form(snippet.forms, 'js')]] as const) {
      const { out, dir } = await run(text);
      const calls = out as { url: string; method: string; headers: Record<string, string>; json?: unknown; body?: unknown }[];
      expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
        'POST https://api-inference.modelscope.cn/v1/images/generations',
        'GET https://api-inference.modelscope.cn/v1/tasks/t-1',
        'GET https://api-inference.modelscope.cn/v1/tasks/t-1',
      ]);
      expect(calls[0]?.json ?? calls[0]?.body).toEqual({ model: HOSTILE, prompt: `${HOSTILE}, A red fox in the snow`, loras: HOSTILE });
      expect(calls[0]?.headers).toMatchObject({ Authorization: 'Bearer tok-123', 'X-ModelScope-Async-Mode': 'true' });
      expect(calls[1]?.headers).toMatchObject({ 'X-ModelScope-Task-Type': 'image_generation' });
      expect(pwned(dir)).toBe(false);
      expect(text).not.toMatch(/<script|<\/script/i);
    }
  });
});
