// What kind of model a record describes, for badges, filters and the usage snippet: the few models
// served by the OpenAI-compatible gateway, LoRAs (most of the list), other image generators, the rest.
import type { ModelRecord } from '../../../store/record.ts';

/** A model's category; `unknown` when no record of it survives (it left before the published snapshots). */
export type ModelCategory = 'openai' | 'lora' | 'image' | 'other' | 'unknown';

/** The category of a record. */
export function modelCategory(record: Pick<ModelRecord, 'openaiApi' | 'aigcType' | 'inferenceType'> | undefined): ModelCategory {
  if (record === undefined) return 'unknown';
  if (record.openaiApi) return 'openai';
  if (record.aigcType.toLowerCase() === 'lora') return 'lora';
  if (record.aigcType !== '' || /img|image/i.test(record.inferenceType)) return 'image';
  return 'other';
}
