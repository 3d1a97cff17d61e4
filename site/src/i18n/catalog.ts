// Interface strings of the catalog search (the form, the results table, the count and the pager), in
// both languages. `{n}`, `{date}`, `{page}` and `{pages}` are filled in by `fillLabel`; numbers arrive
// already formatted for the language (see `NUMBER_LOCALE`).
import type { Labels, Lang } from './lang.ts';

/** Strings of the catalog search area. */
export interface CatalogLabels {
  /** Result count, plural: `{n}` = formatted number. */
  models: string;
  /** Result count for exactly one model. */
  oneModel: string;
  /** Result count while only the first shard is in: `{n}` = formatted number. */
  modelsSoFar: string;
  /** Count paragraph when nothing matches. */
  noMatch: string;
  /** Below a search that found nothing on the list: models that left are not searched (`{n}` of them match, when known), and the button that includes them. */
  leftNotSearched: string;
  leftMatch: string;
  oneLeftMatch: string;
  /** Above results for a misspelt search: nothing matches `{q}`, these match `{fixed}`. */
  spelling: string;
  /** Count paragraph while the search index downloads. */
  loading: string;
  /** Count paragraph when the index could not be fetched. */
  failed: string;
  /** Pager: its landmark name, previous, next, one page (`{n}`), and the "page of pages" summary. */
  pager: string;
  previous: string;
  next: string;
  page: string;
  pageOf: string;
  /** Badges: served by the gateway; left the list on `{date}`; left, day unknown. */
  apiBadge: string;
  leftOn: string;
  leftBadge: string;
  /** The control that folds the filters away on narrow screens, and how many are set (`{n}`). */
  filtersToggle: string;
  filtersSet: string;
  /** Form: search box label and placeholder, shortcut hint, "any" option, filter labels. */
  search: string;
  searchPlaceholder: string;
  shortcut: string;
  any: string;
  task: string;
  aigc: string;
  family: string;
  license: string;
  owner: string;
  apiOnly: string;
  recent: string;
  includeLeft: string;
  sort: string;
  /** The sort that puts the gateway's models first (not a column): its option in the sort menu. */
  sortApi: string;
  /** Column headers; the last four double as sort option names. */
  colModel: string;
  colOwner: string;
  colTask: string;
  colKind: string;
  downloads: string;
  growth: string;
  likes: string;
  entered: string;
}

/** The catalog search strings in English and Simplified Chinese. */
export const CATALOG_LABELS: Labels<CatalogLabels> = {
  en: {
    models: '{n} models',
    oneModel: '1 model',
    modelsSoFar: '{n} models so far — loading the rest…',
    noMatch: 'No models match',
    leftNotSearched: 'Models that left the list are not searched.',
    leftMatch: '{n} models that left the list match.',
    oneLeftMatch: '1 model that left the list matches.',
    spelling: 'Nothing matches “{q}”; showing models matching “{fixed}”.',
    loading: 'Loading the search index…',
    failed: 'The search index could not be loaded. Reload the page to try again.',
    pager: 'Result pages',
    previous: 'Previous',
    next: 'Next',
    page: 'Page {n}',
    pageOf: 'Page {page} of {pages}',
    apiBadge: 'OpenAI-compatible API',
    leftOn: 'left on {date}',
    leftBadge: 'left the list',
    filtersToggle: 'Filters and sort',
    filtersSet: '({n} set)',
    search: 'Search models',
    searchPlaceholder: 'Name, owner, task, licence or tag',
    shortcut: 'Press / to search',
    any: 'Any',
    task: 'Task',
    aigc: 'Type',
    family: 'Family',
    license: 'Licence',
    owner: 'Owner',
    apiOnly: 'OpenAI-compatible API only',
    recent: 'New in the last 7 days',
    includeLeft: 'Include models that left',
    sort: 'Sort by',
    sortApi: 'OpenAI-compatible first, then downloads',
    colModel: 'Model',
    colOwner: 'Owner',
    colTask: 'Task',
    colKind: 'Kind',
    downloads: 'Downloads',
    growth: '7-day growth',
    likes: 'Likes',
    entered: 'Entered',
  },
  zh: {
    models: '{n} 个模型',
    oneModel: '1 个模型',
    modelsSoFar: '已找到 {n} 个模型，其余仍在加载…',
    noMatch: '没有匹配的模型',
    leftNotSearched: '已下榜的模型不在搜索范围内。',
    leftMatch: '有 {n} 个已下榜的模型匹配。',
    oneLeftMatch: '有 1 个已下榜的模型匹配。',
    spelling: '没有匹配“{q}”的模型，以下是匹配“{fixed}”的模型。',
    loading: '正在加载搜索索引…',
    failed: '搜索索引加载失败，请刷新页面重试。',
    pager: '结果分页',
    previous: '上一页',
    next: '下一页',
    page: '第 {n} 页',
    pageOf: '第 {page} 页，共 {pages} 页',
    apiBadge: 'OpenAI 兼容 API',
    leftOn: '{date} 下榜',
    leftBadge: '已下榜',
    filtersToggle: '筛选与排序',
    filtersSet: '（已设 {n} 项）',
    search: '搜索模型',
    searchPlaceholder: '名称、作者、任务、许可证或标签',
    shortcut: '按 / 键开始搜索',
    any: '全部',
    task: '任务',
    aigc: '类型',
    family: '架构',
    license: '许可证',
    owner: '作者',
    apiOnly: '仅 OpenAI 兼容 API',
    recent: '最近 7 天新加入',
    includeLeft: '包括已下榜的模型',
    sort: '排序',
    sortApi: 'OpenAI 兼容优先，再按下载量',
    colModel: '模型',
    colOwner: '作者',
    colTask: '任务',
    colKind: '类别',
    downloads: '下载量',
    growth: '7 日增长',
    likes: '点赞',
    entered: '加入日期',
  },
};

/** Intl locale of each language's numbers. */
export const NUMBER_LOCALE: Readonly<Record<Lang, string>> = { en: 'en', zh: 'zh-CN' };

/** `template` with each `{key}` replaced by its value (unknown keys left as they are). */
export function fillLabel(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
