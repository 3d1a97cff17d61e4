// The copyable "call it" snippets of a model page: per kind of model, a curl, a Python and a JavaScript
// form, as ModelScope's API-Inference documents calling it (shared/modelscope-api.md §8b). The kind
// follows the model's task and inference type (model-kind.ts); the gateway flag only says the id
// answers there. The model id is upstream text and may hold anything, so it only ever enters a snippet
// JSON-encoded: inside a single-quoted shell word, or as a Python or JavaScript string literal (JSON's
// string syntax is valid in both, with `<>&` and U+2028/9 escaped), or percent-encoded in a comment.
// The token stays in an environment variable: a snippet never holds a secret, and copying one never leaks one.
import type { SnippetKind } from '../../i18n/model.ts';
import type { SnippetModel } from '../../../../publish/model-file.ts';
import { isChatInference, modelCategory } from './model-kind.ts';

// The fields of a record that decide how a model is called: declared where the model file is read for them.
export type { SnippetModel };

// How a model is called (chat, image, lora, other): declared beside its labels, which i18n/ owns.
export type { SnippetKind };

/** The languages a snippet is written in. */
export type SnippetLanguage = 'sh' | 'python' | 'js';

/** One form of a snippet: its language and text (lines joined by `\n`, ending in a newline). */
export interface SnippetForm {
  language: SnippetLanguage;
  text: string;
}

/** A snippet ready to show in a `<pre>` and copy. */
export interface Snippet {
  kind: SnippetKind;
  /** The first form: POSIX shell (curl), the one runtime every reader has. */
  language: 'sh';
  /** The shell form, lines joined by `\n`, ending in a newline. */
  text: string;
  /** Every form, the shell one first; only the shell note for `other`, which calls nothing. */
  forms: SnippetForm[];
}

/** Where the gateway lives. */
export const INFERENCE_ORIGIN = 'https://api-inference.modelscope.cn';

/** Where a reader creates the token the snippets read from `$MODELSCOPE_TOKEN`. */
export const TOKEN_PAGE = 'https://modelscope.cn/my/myaccesstoken';

/** A model's page on ModelScope, each id segment percent-encoded, `'` included (safe in HTML attributes and shell comments). */
export function modelPage(id: string): string {
  const segment = (text: string): string => encodeURIComponent(text.toWellFormed()).replaceAll("'", '%27');
  return `https://modelscope.cn/models/${id.split('/').map(segment).join('/')}`;
}

/** The kind of call a model takes; see SnippetKind. It follows the page's category badge (model-kind.ts), so the two never disagree. */
export function snippetKind(model: SnippetModel): SnippetKind {
  const category = modelCategory(model);
  if (category === 'openai' || (category === 'other' && isChatInference(model.inferenceType))) return 'chat';
  return category === 'unknown' ? 'other' : category;
}

/** `value` as JSON text whose `<`, `>`, `&` and U+2028/9 are escaped: inert in HTML, and a valid Python and JavaScript literal for strings and objects of strings. */
export function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An image-edit model, whose body needs an input image (`image_url`). */
function isImageEdit(model: SnippetModel): boolean {
  return model.inferenceType === 'img2img';
}

/**
 * `value` as JSON inside one single-quoted shell word. JSON.stringify escapes quotes, backslashes and
 * control characters (newlines included); `<`, `>`, `&` and U+2028/9 are escaped too so the text stays
 * inert even if a page embeds it raw in HTML or a script. Single quotes, the one thing a single-quoted
 * shell word cannot hold, are closed, escaped and reopened.
 */
export function shellJson(value: unknown): string {
  return `'${inertJson(value).replaceAll("'", "'\\''")}'`;
}

const AUTH = '-H "Authorization: Bearer $MODELSCOPE_TOKEN"';
const JSON_TYPE = "-H 'Content-Type: application/json'";

function chat(id: string): string {
  return [
    `curl -s ${INFERENCE_ORIGIN}/v1/chat/completions \\`,
    `  ${AUTH} ${JSON_TYPE} \\`,
    `  -d ${shellJson({ model: id, messages: [{ role: 'user', content: 'Hello!' }] })}`,
  ].join('\n');
}

const HELLO = [{ role: 'user', content: 'Hello!' }];

function chatPython(id: string): string {
  return [
    'import os',
    'from openai import OpenAI  # pip install openai',
    '',
    `client = OpenAI(base_url=${inertJson(`${INFERENCE_ORIGIN}/v1/`)}, api_key=os.environ["MODELSCOPE_TOKEN"])`,
    'reply = client.chat.completions.create(',
    `    model=${inertJson(id)},`,
    `    messages=${inertJson(HELLO)},`,
    ')',
    'print(reply.choices[0].message.content)',
  ].join('\n');
}

function chatJs(id: string): string {
  return [
    "import OpenAI from 'openai'; // npm install openai",
    '',
    `const client = new OpenAI({ baseURL: ${inertJson(`${INFERENCE_ORIGIN}/v1/`)}, apiKey: process.env.MODELSCOPE_TOKEN });`,
    'const reply = await client.chat.completions.create({',
    `  model: ${inertJson(id)},`,
    `  messages: ${inertJson(HELLO)},`,
    '});',
    'console.log(reply.choices[0].message.content);',
  ].join('\n');
}

/** The image task in Python: start it, poll it until it has succeeded or failed. */
function imagePython(body: Record<string, string>, note: readonly string[]): string {
  return [
    ...note,
    'import os, time',
    'import requests  # pip install requests',
    '',
    `API = ${inertJson(`${INFERENCE_ORIGIN}/v1`)}`,
    'auth = {"Authorization": "Bearer " + os.environ["MODELSCOPE_TOKEN"]}',
    'task = requests.post(f"{API}/images/generations", headers={**auth, "X-ModelScope-Async-Mode": "true"},',
    `                     json=${inertJson(body)}).json()["task_id"]`,
    'while True:',
    '    r = requests.get(f"{API}/tasks/{task}", headers={**auth, "X-ModelScope-Task-Type": "image_generation"}).json()',
    '    if r.get("task_status") in ("SUCCEED", "FAILED", None):',
    '        break',
    '    time.sleep(5)',
    'print(r)  # on SUCCEED, r["output_images"][0] is the image',
  ].join('\n');
}

/** The image task in JavaScript (fetch, Node 18+ or a browser). */
function imageJs(body: Record<string, string>, note: readonly string[]): string {
  return [
    ...note.map((line) => `//${line.slice(1)}`),
    `const API = ${inertJson(`${INFERENCE_ORIGIN}/v1`)};`,
    'const auth = { Authorization: `Bearer ${process.env.MODELSCOPE_TOKEN}` };',
    'const start = await fetch(`${API}/images/generations`, {',
    "  method: 'POST',",
    "  headers: { ...auth, 'Content-Type': 'application/json', 'X-ModelScope-Async-Mode': 'true' },",
    `  body: JSON.stringify(${inertJson(body)}),`,
    '});',
    'const { task_id } = await start.json();',
    'let r;',
    'do {',
    '  await new Promise((done) => setTimeout(done, 5000));',
    "  r = await (await fetch(`${API}/tasks/${task_id}`, { headers: { ...auth, 'X-ModelScope-Task-Type': 'image_generation' } })).json();",
    "} while (r.task_status !== undefined && r.task_status !== 'SUCCEED' && r.task_status !== 'FAILED');",
    'console.log(r); // on SUCCEED, r.output_images[0] is the image',
  ].join('\n');
}

/** The asynchronous image call: start a task, then poll it until it has succeeded or failed. */
function image(body: Record<string, string>, note: readonly string[]): string {
  return [
    ...note,
    `API=${INFERENCE_ORIGIN}/v1`,
    `task=$(curl -s "$API/images/generations" ${AUTH} \\`,
    `  ${JSON_TYPE} -H 'X-ModelScope-Async-Mode: true' \\`,
    `  -d ${shellJson(body)} |`,
    `  sed -n 's/.*"task_id": *"\\([^"]*\\)".*/\\1/p')`,
    `until r=$(curl -s "$API/tasks/$task" ${AUTH} \\`,
    `    -H 'X-ModelScope-Task-Type: image_generation')`,
    // A case with no matching pattern succeeds: an answer without task_status (an error) ends the loop too.
    `  case $r in *'"SUCCEED"'*|*'"FAILED"'*) ;; *task_status*) false;; esac`,
    'do sleep 5; done',
    'echo "$r" # on SUCCEED, output_images[0] is the image',
  ].join('\n');
}

const PROMPT = 'A red fox in the snow';
const INPUT_IMAGE = 'https://example.com/input.jpg';

/** The usage snippet for a model, right for its kind. */
export function usageSnippet(model: SnippetModel): Snippet {
  const kind = snippetKind(model);
  const edit = isImageEdit(model) ? { image_url: INPUT_IMAGE } : {};
  let text: string;
  let more: SnippetForm[] = [];
  const imageForms = (body: Record<string, string>, note: readonly string[]): string => {
    more = [{ language: 'python', text: `${imagePython(body, note)}\n` }, { language: 'js', text: `${imageJs(body, note)}\n` }];
    return image(body, note);
  };
  switch (kind) {
    case 'chat':
      text = chat(model.id);
      more = [{ language: 'python', text: `${chatPython(model.id)}\n` }, { language: 'js', text: `${chatJs(model.id)}\n` }];
      break;
    case 'image':
      text = imageForms({ model: model.id, prompt: PROMPT, ...edit }, []);
      break;
    case 'lora': {
      // A LoRA is not called by its own id: a base model is, with the LoRA passed in `loras`. The
      // companion ModelScope names for API-Inference comes first; then the record's first base model.
      const companion = model.companion ?? null;
      const base = companion?.id ?? model.baseModels[0]?.id;
      const note =
        base === undefined
          ? ['# ModelScope names no base model for this LoRA: put a compatible one in "model".']
          : companion?.revision != null
            ? [`# Called through its companion base model at revision ${encodeURIComponent(companion.revision).replaceAll("'", '%27')}.`]
            : [];
      // Trigger words are upstream text: they only ever enter the JSON body.
      const words = (model.triggerWords ?? []).slice(0, 5);
      if (words.length > 0) note.push('# The prompt starts with the trigger words the LoRA was trained on.');
      const prompt = words.length > 0 ? `${words.join(', ')}, ${PROMPT}` : PROMPT;
      text = imageForms({ model: base ?? 'BASE-MODEL-ID', prompt, ...edit, loras: model.id }, note);
      break;
    }
    case 'other':
      text = [
        '# Not served by the OpenAI-compatible gateway, and not an image model:',
        '# its ModelScope page shows how to call it.',
        `# ${modelPage(model.id)}`,
      ].join('\n');
      break;
  }
  return { kind, language: 'sh', text: `${text}\n`, forms: [{ language: 'sh', text: `${text}\n` }, ...more] };
}
