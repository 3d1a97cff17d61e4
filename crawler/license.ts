// One licence, one id: upstream spells the same licence several ways (`Apache License 2.0` on 22 records of
// a real page, `apache-2.0` on 7), which would split every licence facet. Ids are SPDX-style, lower case.

/**
 * Spellings the general rule below does not reach, after it has run. A Map: upstream text is the key, and a
 * licence spelled `constructor` must not find Object.prototype's function in a plain object.
 */
const ALIASES: ReadonlyMap<string, string> = new Map(Object.entries({
  apache: 'apache-2.0',
  'apache-2': 'apache-2.0',
  apache2: 'apache-2.0',
  'apache2.0': 'apache-2.0',
  'apache-v2.0': 'apache-2.0',
  'gpl-3': 'gpl-3.0',
  gplv3: 'gpl-3.0',
  'gpl-v3': 'gpl-3.0',
  'gnu-general-public-v3.0': 'gpl-3.0',
  'gpl-2': 'gpl-2.0',
  gplv2: 'gpl-2.0',
  'agpl-3': 'agpl-3.0',
  'lgpl-3': 'lgpl-3.0',
  'bsd-3': 'bsd-3-clause',
  'bsd-2': 'bsd-2-clause',
  'cc-by-4': 'cc-by-4.0',
  'cc-by-nc-4': 'cc-by-nc-4.0',
  'cc-by-nc-sa-4': 'cc-by-nc-sa-4.0',
  'creative-commons-attribution-4.0': 'cc-by-4.0',
  'creative-commons-attribution-non-commercial-4.0': 'cc-by-nc-4.0',
  'openrail++': 'openrail++',
}));

/**
 * The canonical id of an upstream licence: lower case, the words "license"/"licence"/"version" and
 * punctuation around them dropped, spaces and underscores as `-`, then a few known aliases.
 * `Apache License 2.0`, `apache-2.0` and `Apache-2.0` all give `apache-2.0`; `""` stays `""`.
 */
export function canonicalLicense(upstream: string): string {
  const general = upstream
    .trim()
    .toLowerCase()
    .replace(/\b(licen[cs]e|version)\b/g, ' ')
    .replace(/[,()]/g, ' ')
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return ALIASES.get(general) ?? general;
}
