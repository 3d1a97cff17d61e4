// parseCatalogPage reads a successful envelope without zod (issue 24) and hands every other body to
// ListEnvelope; on every kind of envelope the two must give the same page or the same error.
import { describe, expect, it } from 'vitest';
import { parseCatalogPage, parseCatalogPageWithZod } from '../crawler/modelscope.ts';

const page = (models: unknown = [{ Path: 'a', Name: 'b' }], total: unknown = 1): Record<string, unknown> => ({ Models: models, TotalCount: total });

const outcome = (parse: (json: unknown) => unknown, json: unknown): unknown => {
  try {
    return { ok: parse(json) };
  } catch (error) {
    return { threw: (error as Error).constructor.name, message: (error as Error).message };
  }
};

describe('crawler/envelope-check', () => {
  it('gives what ListEnvelope gives for every kind of envelope', () => {
    const datas: unknown[] = [
      { Model: page() }, page(), { Model: page(), ...page([], 5) }, { Model: page([], 5), Models: [] }, { Model: null, ...page() }, { Model: undefined, ...page() },
      { Model: page('x') }, { Model: page([], -1) }, { Model: page([], 1.5) }, { Model: page([], 2 ** 53) }, { Model: page([], '3') }, { Model: [] },
      page([], NaN), page([], Infinity), {}, [], null, 'x', { Model: { Models: [] } }, { Model: page(), extra: 1 },
    ];
    const heads: Record<string, unknown>[] = [
      { Code: 200 }, { Code: 200, Success: true }, { Code: 200, Success: false }, { Code: 500, Success: true }, { Code: '200' }, {},
      { Code: 200, Message: 'success', RequestId: 'r' }, { Code: 200, Message: null, RequestId: null }, { Code: 200, Message: 3 }, { Code: 200, RequestId: {} },
      { Code: 200, Success: 'yes' }, { Code: 200, Success: null },
    ];
    for (const head of heads) {
      for (const data of datas) {
        const json = { ...head, Data: data };
        expect(outcome(parseCatalogPage, json), JSON.stringify(json)).toEqual(outcome(parseCatalogPageWithZod, json));
      }
      expect(outcome(parseCatalogPage, head)).toEqual(outcome(parseCatalogPageWithZod, head));
    }
    for (const json of [null, [], 'text', 3, { Data: { Model: page() } }]) expect(outcome(parseCatalogPage, json)).toEqual(outcome(parseCatalogPageWithZod, json));
  });
});
