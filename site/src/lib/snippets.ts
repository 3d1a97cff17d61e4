// The copyable "call it" snippet of a model page: one short shell snippet per kind of model, as
// ModelScope's API-Inference documents calling it (shared/modelscope-api.md §8b). The model id is
// upstream text and may hold anything, so it only ever enters a snippet JSON-encoded inside a
// single-quoted shell word, or percent-encoded in a comment. The token stays in an environment
// variable: a snippet never holds a secret, and copying one never leaks one.
import type { ModelRecord } from '../../../store/record.ts';
import { modelCategory } from './model-kind.ts';

/** The fields of a record that decide how a model is called. */
export type SnippetModel = Pick<ModelRecord, 'id' | 'openaiApi' | 'aigcType' | 'inferenceType' | 'baseModels' | 'tasks'> &
  Partial<Pick<ModelRecord, 'companion' | 'triggerWords'>>;

/** How a model is called: chat = OpenAI-compatible gateway; image = async image task; lora = image task on a base model; other = see its page. */
export type SnippetKind = 'chat' | 'image' | 'lora' | 'other';

/** A snippet ready to show in a `<pre>` and copy. */
export interface Snippet {
  kind: SnippetKind;
  /** Always POSIX shell (curl): the one runtime every reader has. */
  language: 'sh';
  /** The snippet, lines joined by `\n`, ending in a newline. */
  text: string;
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
  return category === 'openai' ? 'chat' : category === 'unknown' ? 'other' : category;
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
  const json = JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `'${json.replaceAll("'", "'\\''")}'`;
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
  switch (kind) {
    case 'chat':
      text = chat(model.id);
      break;
    case 'image':
      text = image({ model: model.id, prompt: PROMPT, ...edit }, []);
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
      text = image({ model: base ?? 'BASE-MODEL-ID', prompt, ...edit, loras: model.id }, note);
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
  return { kind, language: 'sh', text: `${text}\n` };
}
