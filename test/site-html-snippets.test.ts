// The usage snippet of a model page, checked as its script makes it from the built JSON (the HTML holds
// an empty section): a chat-completions curl, an image task for a LoRA or a Checkpoint, a pointer to
// ModelScope for the rest, and nothing for a model that left.
import { beforeAll, describe, expect, it } from 'vitest';
import { modelApiFile } from '../publish/urls.ts';
import { snippetModel } from '../publish/model-file.ts';
import { modelPage as modelScopePage } from '../site/src/lib/model/snippets.ts';
import { CHAT_ID, CHECKPOINT_ID, CJK_ID, LEFT_IDS, LONG_ID, LORA_BASE, LORA_ID, MODELS, NIGHTS, ON_LIST, PATHS, QUOTED_ID, TWINS, XSS_ID } from './site-html-data.ts';
import { browserSnippet, headJson, html, loadHtmlSite, modelPageFile, page, readText, shellJsonAfter } from './site-html-fixture.ts';

beforeAll(loadHtmlSite, 120_000);

describe('site/html model pages', () => {
  it('a model on the list has an empty, hidden section for its snippet, and its JSON holds the record the script makes it from', async () => {
    for (const id of ON_LIST) {
      const path = modelPageFile(id);
      const $ = page(path);
      const section = $('main section[data-snippet]');
      expect(section.length, path).toBe(1);
      expect(section.is('[hidden]'), path).toBe(true);
      expect(section.contents().length, path).toBe(0);
      expect(html.get(path), path).toContain('<section data-snippet hidden></section>');
      // None of the snippet is in the HTML.
      expect($('#snippet, code, pre, button').length, path).toBe(0);
      // The record of the newest night, as the script reads it from the file's `current`.
      const doc = await headJson(id);
      const night = NIGHTS.at(-1)![1].find((m) => m.id === id)!;
      expect((doc.current as { id?: unknown } | null)?.id, path).toBe(id);
      const { openaiApi, aigcType, inferenceType, baseModels, tasks, companion, triggerWords } = night;
      expect(snippetModel(doc), path).toEqual({ id, openaiApi, aigcType, inferenceType, baseModels, tasks, companion, triggerWords });
    }
  });

  it('an OpenAI-compatible model gets a chat-completions curl whose body names it exactly, hostile ids included', async () => {
    for (const m of [MODELS.chat, MODELS.xss, MODELS.quoted]) {
      const snippet = await browserSnippet(m.id);
      expect(snippet.kind, m.id).toBe('chat');
      expect(snippet.text).toContain('curl -s https://api-inference.modelscope.cn/v1/chat/completions');
      expect(snippet.text).toContain('Authorization: Bearer $MODELSCOPE_TOKEN');
      expect(shellJsonAfter(snippet.text, '-d ')).toEqual({ model: m.id, messages: [{ role: 'user', content: 'Hello!' }] });
    }
  });

  it('every calling snippet quotes its shell words and its JSON; the others point to the model’s ModelScope page', async () => {
    // Issue 21.5, intentionally changed: a txt2txt model the gateway does not list (the twins) takes a chat
    // request too; the speech models are "other".
    const kinds = new Map<string, string>([[CHAT_ID, 'chat'], [XSS_ID, 'chat'], [QUOTED_ID, 'chat'], [LORA_ID, 'lora'], [CHECKPOINT_ID, 'image'], [TWINS[0], 'chat'], [TWINS[1], 'chat']]);
    let checked = 0;
    for (const id of ON_LIST) {
      const snippet = await browserSnippet(id);
      expect(snippet.kind, id).toBe(kinds.get(id) ?? 'other');
      expect(snippet.language, id).toBe('sh');
      expect(snippet.text.endsWith('\n'), id).toBe(true);
      if (snippet.kind === 'other') {
        expect(snippet.text.startsWith('# Not served'), id).toBe(true);
        expect(snippet.text.trimEnd().split('\n').at(-1), id).toBe(`# ${modelScopePage(id)}`);
        expect(snippet.text, id).not.toContain('"model"');
        continue;
      }
      expect(snippet.text, id).toContain("'");
      expect(snippet.text, id).toContain('"model":"');
      checked += 1;
    }
    expect(checked).toBe(ON_LIST.length - [CJK_ID, LONG_ID].length);
  });

  it('a LoRA gets an image task on its base model with the LoRA in "loras"', async () => {
    const snippet = await browserSnippet(LORA_ID);
    expect(snippet.kind).toBe('lora');
    expect(snippet.text).toContain('"$API/images/generations"');
    expect(snippet.text).toContain('X-ModelScope-Async-Mode: true');
    expect(shellJsonAfter(snippet.text, '-d ')).toMatchObject({ model: LORA_BASE, loras: LORA_ID });
  });

  it('a Checkpoint image model gets an images/generations call that polls its task', async () => {
    const snippet = await browserSnippet(CHECKPOINT_ID);
    expect(snippet.kind).toBe('image');
    const { text } = snippet;
    expect(text).toContain('"$API/images/generations"');
    expect(text).toContain('X-ModelScope-Async-Mode: true');
    expect(text).toContain('"$API/tasks/$task"');
    expect(text).toMatch(/until [\s\S]*do sleep \d+; done/);
    expect(shellJsonAfter(text, '-d ')).toMatchObject({ model: CHECKPOINT_ID });
    expect(shellJsonAfter(text, '-d ')).not.toHaveProperty('loras');
  });

  it('a model that left has no snippet, nor anything its script could make one from', async () => {
    for (const id of LEFT_IDS) {
      const $ = page(modelPageFile(id));
      expect($('#snippet').length, id).toBe(0);
      expect($('section[data-snippet]').length, id).toBe(0);
      expect($('pre').length, id).toBe(0);
      expect($('button.copy').length, id).toBe(0);
      // The script reads its file (issue 21.4): it holds no current record, so no snippet.
      const file = JSON.parse(await readText(modelApiFile(id, PATHS))) as unknown;
      expect(snippetModel(file), id).toBeUndefined();
    }
  });
});
