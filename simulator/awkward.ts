// The awkward cases a model record can carry (hostile HTML, odd Unicode, wrong types, missing keys): which
// features exist, how often each appears, and what they put in. They are part of the data, so a crawler meets
// them on every list, not only in a test; model-seed.ts draws them onto each model.

/** Awkward features; each is on about AWKWARD_RATE of models (and forced on a few, see `forcedAwkward`). */
export const AWKWARD = [
  'chinese-html',
  'description-html',
  'tag-html',
  'chinese-unicode',
  'description-unicode',
  'tasks-empty',
  'tasks-blank',
  'time-string',
  'stars-string',
  'chinese-missing',
  'license-empty',
  'odd-name',
  'tasks-null',
] as const;
export type Awkward = (typeof AWKWARD)[number];
export const AWKWARD_RATE = 0.03;

/** The awkward feature forced onto catalog model `index`, so even small lists show every kind. */
export function forcedAwkward(index: number): Awkward | undefined {
  return AWKWARD[index - 1];
}

/** Hostile HTML for `chinese-html`, `description-html` and `tag-html`: a page must show it as text. */
export const HTML_PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'Tom &amp; Jerry &lt;3',
  '"><svg onload=alert(document.domain)>',
  '</title><b>bold</b> & <i>friends</i>',
  'a <a href="javascript:alert(1)">link</a> \'quoted\'',
];

/** Odd Unicode for `chinese-unicode` and `description-unicode`: bidi overrides, joiners, combining marks, zero widths. */
export const UNICODE_PAYLOADS: readonly string[] = [
  'LoRA \u202Egpj.exe',
  'family \u{1F468}\u200D\u{1F469}\u200D\u{1F467} portrait',
  'Z\u0351\u0334a\u0336\u0358l\u0337g\u0335o\u0338 style',
  'ink\u200Bwash\uFEFF',
  '\u{1F3A8}\u{1F525}\u2728 水墨 LoRA',
  'Ｆｕｌｌｗｉｄｔｈ　ＬｏＲＡ',
  'مرحبا LoRA \u200F',
  'e\u0301 vs \u00E9',
];

/** Names for `odd-name`: dots, doubled separators, mixed case, or a real model's name. */
export const ODD_NAMES = ['flux_lora.v2', 'Qwen2.5-7B-Instruct', 'MiXeD_CaSe.LoRA', 'sd_xl.base__final..v1', 'A.B-C_D'];
