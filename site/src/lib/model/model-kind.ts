// What kind of model a record describes, for badges, filters and the usage snippet: LoRAs (most of the
// list), other image generators, the few models served by the OpenAI-compatible gateway, the rest. The
// kind follows what the model is (its AIGC type, inference type and tasks) before the gateway flag: the
// gateway also serves some image models, and a text-to-image LoRA is no chat model because it answers there.
import type { ModelRecord } from '../../../../store/record.ts';

/** A model's category; `unknown` when no record of it survives (it left before the published snapshots). */
export type ModelCategory = 'openai' | 'lora' | 'image' | 'other' | 'unknown';

/** The category of a record. */
export function modelCategory(record: Pick<ModelRecord, 'openaiApi' | 'aigcType' | 'inferenceType'> & Partial<Pick<ModelRecord, 'tasks'>> | undefined): ModelCategory {
  if (record === undefined) return 'unknown';
  if (record.aigcType.toLowerCase() === 'lora') return 'lora';
  if (record.aigcType !== '' || IMAGE_OUT.test(record.inferenceType) || (record.tasks ?? []).some((task) => IMAGE_TASK.test(task))) return 'image';
  if (record.openaiApi) return 'openai';
  return 'other';
}

/** Inference types whose output is an image (`txt2img`, `img2img`); `img2txt` reads an image and answers in text. */
const IMAGE_OUT = /2img$|2image$/i;
/** Tasks of image generators. */
const IMAGE_TASK = /^(text-to-image|image-to-image|image-editing)/i;

/** Inference types answered by a chat request: text in (or an image with text), text out. */
export function isChatInference(inferenceType: string): boolean {
  return /^(txt2txt|img2txt|chat)$/i.test(inferenceType);
}
