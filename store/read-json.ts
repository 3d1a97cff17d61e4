// The first two checks every reader of our files makes: the text is JSON, and (where a schema says
// what the file holds) the value matches it. Problems are DataFileErrors naming the file.
import type { z } from 'zod';
import { DataFileError } from './errors.ts';

/** `JSON.parse`, with a failure reported as `where: not valid JSON (…)`. */
export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataFileError(`not valid JSON (${(error as Error).message})`, where, { cause: error });
  }
}

/** Parse `text` as JSON and check it against `schema`; `what` names the format in the message (`the snapshot schema`). */
export function parseJsonAs<T extends z.ZodType>(schema: T, text: string, where: string, what: string): z.infer<T> {
  return checkAs(schema, parseJson(text, where), where, what);
}

/** Check an already parsed value against `schema`, reported as parseJsonAs does (for readers that look at the raw value first). */
export function checkAs<T extends z.ZodType>(schema: T, value: unknown, where: string, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DataFileError(`does not match ${what} at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`, where);
  }
  return result.data;
}
