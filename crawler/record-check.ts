// ModelRecord (store/record.ts) checked without zod building a copy of every record: the same rules, field by
// field, for the 60,000 records a crawl makes (zod's strict parse of each was the largest part of
// normalising; issue 24). The lists and entries records share (shared-values.ts) are checked the first time they
// are met. A record this refuses is checked again by ModelRecord itself, which words the reason; and where
// the schema has changed since these rules were written (its keys differ), every record goes to zod.
// test/crawler-record-check.test.ts holds the two equal, field by field and value by value.
import { ModelRecord } from '../store/record.ts';

type Check = (value: unknown) => boolean;

const isString: Check = (value) => typeof value === 'string';
const atLeast = (n: number): Check => (value) => typeof value === 'string' && value.length >= n;
const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);
const positive: Check = (value) => isInt(value) && value > 0;
const nonNegative: Check = (value) => isInt(value) && value >= 0;
const nullable = (check: Check): Check => (value) => value === null || check(value);
/** `.default(…)`: an absent value is the default, which is valid. */
const defaulted = (check: Check): Check => (value) => value === undefined || check(value);
/** A field whose rule is not a plain type (a date pattern, a calendar-date refinement): its own schema, exactly. */
const bySchema = (schema: { safeParse(value: unknown): { success: boolean } }): Check => (value) => value === null || schema.safeParse(value).success;

/** A strict object: these keys and no other, each passing its check. */
function strictObject(checks: Readonly<Record<string, Check>>): Check {
  const keys = Object.keys(checks);
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    let own = 0;
    for (const key in value) {
      if (!Object.hasOwn(checks, key)) return false;
      own += 1;
    }
    if (own !== Object.keys(value).length) return false;
    return keys.every((key) => checks[key]!((value as Record<string, unknown>)[key]));
  };
}

/** Frozen lists and entries found valid: valid for good (shared-values.ts shares them between records). */
function once(check: Check): Check {
  const valid = new WeakSet<object>();
  return (value) => {
    const shared = typeof value === 'object' && value !== null && Object.isFrozen(value);
    if (shared && valid.has(value)) return true;
    if (!check(value)) return false;
    if (shared) valid.add(value);
    return true;
  };
}

const arrayOf = (check: Check): Check => once((value) => Array.isArray(value) && value.every(check));
const entry = (checks: Readonly<Record<string, Check>>): Check => once(strictObject(checks));

/** Every field of ModelRecord and its rule, as store/record.ts declares it. */
export const RECORD_CHECKS: Readonly<Record<keyof ModelRecord, Check>> = {
  id: atLeast(3),
  owner: atLeast(1),
  name: atLeast(1),
  upstreamId: defaulted(nullable(positive)),
  ownerType: defaulted(nullable(nonNegative)),
  ownerFullName: defaulted(isString),
  chineseName: isString,
  tasks: arrayOf(atLeast(1)),
  tags: arrayOf(isString),
  officialTags: defaulted(arrayOf(entry({ name: isString, chineseName: isString, tag: atLeast(1) }))),
  license: isString,
  licenseUpstream: nullable(isString),
  inferenceType: isString,
  aigcType: isString,
  visionFoundation: isString,
  baseModels: arrayOf(entry({ id: atLeast(1), revision: nullable(atLeast(1)) })),
  companion: defaulted(nullable(entry({ id: atLeast(1), revision: nullable(atLeast(1)) }))),
  triggerWords: defaulted(arrayOf(atLeast(1))),
  parameters: nullable(positive),
  createdAt: bySchema(ModelRecord.shape.createdAt),
  openaiApi: (value) => typeof value === 'boolean',
  openaiApiSince: bySchema(ModelRecord.shape.openaiApiSince),
  updatedAt: bySchema(ModelRecord.shape.updatedAt),
  likes: nonNegative,
  downloads: nonNegative,
  genImageCount: defaulted(nullable(nonNegative)),
};

const recordShape = strictObject(RECORD_CHECKS);
/** These rules are ModelRecord's only while its keys are these; otherwise zod judges every record. */
const inStep = Object.keys(ModelRecord.shape).join() === Object.keys(RECORD_CHECKS).join();

/** Whether ModelRecord accepts `record` (the schema's object refinement included: id is owner/name). */
export function isModelRecord(record: unknown): boolean {
  if (!inStep) return ModelRecord.safeParse(record).success;
  if (!recordShape(record)) return false;
  const { id, owner, name } = record as ModelRecord;
  return id === `${owner}/${name}`;
}
