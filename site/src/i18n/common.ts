// Interface strings every page shares: the site's name, navigation, footer, and the changes and status
// pages. Both languages side by side, so a missing translation is a type error.
import type { NightOutcome } from '../../../store/nights-file.ts';
import type { EventKind } from '../../../store/types.ts';
import type { Labels } from './lang.ts';

/** Labels of the site frame and the changes and status pages. */
export interface CommonLabels {
  siteName: string;
  siteDescription: string;
  skip: string;
  nav: { catalog: string; changes: string; status: string; feeds: string; api: string };
  navLabel: string;
  switchTo: string;
  switchLabel: string;
  footer: string;
  sourceLink: string;
  feedAll: string;
  feedOpenai: string;
  rssAll: string;
  rssOpenai: string;
  apiIndex: string;
  catalogTitle: string;
  catalogDescription: (models: string, date: string) => string;
  changesTitle: string;
  changesDescription: string;
  changesMonthTitle: (month: string) => string;
  changesIntro: string;
  changesRecent: (days: number) => string;
  changesArchive: string;
  changesNone: string;
  gap: (dates: string) => string;
  baseline: (models: string) => string;
  dayCounts: (entered: string, left: string, returned: string, models: string) => string;
  /** After the day's counts, the kinds beyond entered/left/returned that happened, e.g. `1 renamed · gateway: 2 served`. */
  dayExtras: (counts: { renamed: string | null; served: string | null; servedAgain: string | null; unserved: string | null }) => string;
  /** Heading of each kind of event on the changes pages. */
  kinds: Readonly<Record<EventKind, string>>;
  /** After a renamed model's new id: where it came from. */
  renamedFrom: (id: string) => string;
  categories: { all: string; openai: string; lora: string; image: string; other: string; unknown: string };
  filterKind: string;
  filterCategory: string;
  allKinds: string;
  moreEvents: (n: string) => string;
  statusTitle: string;
  statusDescription: string;
  newest: string;
  age: (days: number) => string;
  modelsNow: string;
  modelsBefore: (date: string) => string;
  missingNights: string;
  noMissing: string;
  publishedSnapshots: string;
  allSnapshots: (n: string) => string;
  observedDays: string;
  /** Ids the OpenAI-compatible gateway served on the newest night. */
  gatewayNow: string;
  /** Rows the listing's TotalCount promised but never yielded, held still over two reads (hidden rows). */
  shortfall: (count: string) => string;
  /** Listed records whose SupportInference was empty: kept, with an unknown inference type. */
  unknownInference: (count: string) => string;
  noData: string;
  healthy: string;
  stale: string;
  /** What happened on a night without a snapshot (data/nights.json). */
  nightOutcomes: Readonly<Record<NightOutcome, string>>;
  /** A missed night nobody recorded a reason for. */
  noReason: string;
  /** Said first on a site built from `npm run demo`'s simulated data. */
  demoNote: string;
  /** The API page (`/api/`): title, lead, the table's headings, one line per file, the example's heading. */
  apiTitle: string;
  apiLead: string;
  apiUrl: string;
  apiWhat: string;
  apiFiles: Readonly<Record<'index' | 'latest' | 'changes' | 'snapshots' | 'snapshot' | 'model' | 'departed' | 'feed' | 'rss' | 'openaiFeed' | 'openaiRss', string>>;
  apiExample: string;
  apiDocs: string;
  /** Heading of the 404 page (GitHub Pages serves it for every address without a file). */
  notFoundTitle: string;
  /** What the 404 page says: a model that left long ago is looked up in the archive by script. */
  notFoundText: string;
  /** The 404 page's way back. */
  notFoundHome: string;
}

export const COMMON_LABELS: Labels<CommonLabels> = {
  en: {
    siteName: 'ModelScope API-Inference catalog',
    siteDescription: 'Every model ModelScope lets anyone call through its free API-Inference service, and when each entered, left or came back.',
    skip: 'Skip to content',
    nav: { catalog: 'Catalog', changes: 'Changes', status: 'Status', feeds: 'Feeds', api: 'JSON API' },
    navLabel: 'Site',
    switchTo: '简体中文',
    switchLabel: 'Language: 简体中文',
    footer: 'Observed nightly from ModelScope’s public catalog. Not affiliated with ModelScope.',
    sourceLink: 'Data and source',
    feedAll: 'All changes (JSON Feed)',
    feedOpenai: 'OpenAI-compatible API: ids served and no longer served (JSON Feed)',
    rssAll: 'All changes (RSS)',
    rssOpenai: 'OpenAI-compatible API: ids served and no longer served (RSS)',
    apiIndex: 'JSON API',
    catalogTitle: 'Free API-Inference models on ModelScope',
    catalogDescription: (models, date) => `${models} models anyone can call through ModelScope’s free API-Inference, as of ${date}: search, filter, and see when each entered or left.`,
    changesTitle: 'Changes to the list',
    changesDescription: 'Every night’s models entering, leaving and returning to ModelScope’s free API-Inference list.',
    changesMonthTitle: (month) => `Changes in ${month}`,
    changesIntro: 'One entry per observed night. A night without a snapshot is a gap, never a removal: what changed during it shows on the next night.',
    changesRecent: (days) => `The newest ${days} observed nights`,
    changesArchive: 'By month',
    changesNone: 'No changes',
    gap: (dates) => `No data for ${dates}`,
    baseline: (models) => `First snapshot: ${models} models (the baseline, no changes)`,
    dayCounts: (entered, left, returned, models) => `${entered} entered · ${left} left · ${returned} returned · ${models} on the list`,
    dayExtras: ({ renamed, served, servedAgain, unserved }) => {
      const gateway = [served && `${served} served`, servedAgain && `${servedAgain} served again`, unserved && `${unserved} no longer served`].filter(Boolean);
      return [renamed && `${renamed} renamed`, gateway.length > 0 && `OpenAI-compatible API: ${gateway.join(', ')}`].filter(Boolean).join(' · ');
    },
    kinds: {
      entered: 'Entered',
      returned: 'Returned',
      renamed: 'Renamed',
      left: 'Left',
      served: 'Now served by the OpenAI-compatible API',
      'served-again': 'Served again by the OpenAI-compatible API',
      unserved: 'No longer served by the OpenAI-compatible API',
    },
    renamedFrom: (id) => `was ${id}`,
    categories: { all: 'All models', openai: 'OpenAI-compatible', lora: 'LoRA', image: 'Image generation', other: 'Other', unknown: 'Unknown' },
    filterKind: 'Change',
    filterCategory: 'Kind of model',
    allKinds: 'All changes',
    moreEvents: (n) => `…and ${n} more in the JSON`,
    statusTitle: 'Status',
    statusDescription: 'Data health in public: the newest snapshot, its age, missing nights and the published snapshots.',
    newest: 'Newest snapshot',
    age: (days) => (days <= 0 ? 'today' : days === 1 ? '1 day old' : `${days} days old`),
    modelsNow: 'Models on the list',
    modelsBefore: (date) => `Previous snapshot (${date})`,
    missingNights: 'Nights without a snapshot',
    noMissing: 'None',
    publishedSnapshots: 'Snapshots published here',
    allSnapshots: (n) => `${n} snapshots in the repository`,
    observedDays: 'Observed nights',
    gatewayNow: 'Ids the OpenAI-compatible API serves',
    shortfall: (count) => `ModelScope’s count promised ${count} more models than its list holds (hidden rows, the same over two full reads); the snapshot records the difference.`,
    unknownInference: (count) => `${count} listed models name no inference type; they are kept, with the type unknown.`,
    noData: 'No snapshot has been taken yet.',
    healthy: 'Up to date',
    stale: 'Behind: the newest snapshot is more than a day old',
    nightOutcomes: { refused: 'refused', failed: 'failed', cancelled: 'cancelled' },
    noReason: 'no reason recorded',
    demoNote: 'Demo data: this site was built from a simulator on one machine (npm run demo), not from ModelScope.',
    apiTitle: 'JSON API',
    apiLead: 'Everything on this site is also plain JSON and feeds: static files, no key, no rate limit beyond the host’s. Start at index.json, which names every URL below.',
    apiUrl: 'URL',
    apiWhat: 'What it holds',
    apiFiles: {
      index: 'What exists and where: counts, the newest date and every URL template',
      latest: 'The newest snapshot: every model on the list with its record, and the ids the OpenAI-compatible gateway serves',
      changes: 'Every observed night and every event (entered, left, returned, renamed; served, no longer served, served again)',
      snapshots: 'The dated snapshots published here',
      snapshot: 'One dated snapshot, in the same format as latest.json',
      model: 'One model’s story: its stays on both lists, its events, a year of likes and downloads, its record',
      departed: 'Models that left long ago: their stays and last figures, in buckets',
      feed: 'JSON Feed 1.1: one item per night with changes',
      rss: 'RSS 2.0: the same items',
      openaiFeed: 'JSON Feed of the gateway’s own events: ids served, no longer served, served again',
      openaiRss: 'RSS of the same items',
    },
    apiExample: 'For example',
    apiDocs: 'Every field is described in docs/api.md in this site’s repository.',
    notFoundTitle: 'Page not found',
    notFoundText: 'There is no page at this address. A model that left the list long ago shows here from the archive, when the archive has it (this needs JavaScript).',
    notFoundHome: 'Search the catalog, including models that left',
  },
  zh: {
    siteName: 'ModelScope API-Inference 模型目录',
    siteDescription: 'ModelScope 免费 API-Inference 可调用的全部模型，以及每个模型上榜、下榜和重新上榜的时间。',
    skip: '跳到正文',
    nav: { catalog: '目录', changes: '变动', status: '状态', feeds: '订阅', api: 'JSON API' },
    navLabel: '站点',
    switchTo: 'English',
    switchLabel: 'Language: English',
    footer: '每晚从 ModelScope 公开目录观测。与 ModelScope 无关联。',
    sourceLink: '数据与源码',
    feedAll: '全部变动（JSON Feed）',
    feedOpenai: 'OpenAI 兼容接口：开始或不再提供的模型 id（JSON Feed）',
    rssAll: '全部变动（RSS）',
    rssOpenai: 'OpenAI 兼容接口：开始或不再提供的模型 id（RSS）',
    apiIndex: 'JSON API',
    catalogTitle: 'ModelScope 免费 API-Inference 模型',
    catalogDescription: (models, date) => `截至 ${date}，共 ${models} 个模型可通过 ModelScope 免费 API-Inference 调用：搜索、筛选，查看每个模型的上榜与下榜时间。`,
    changesTitle: '榜单变动',
    changesDescription: '每晚 ModelScope 免费 API-Inference 榜单上新增、下榜和重新上榜的模型。',
    changesMonthTitle: (month) => `${month} 的变动`,
    changesIntro: '每个观测夜一条记录。缺少快照的夜晚显示为空缺，绝不视为下榜：其间的变动会在下一晚显示。',
    changesRecent: (days) => `最近 ${days} 个观测夜`,
    changesArchive: '按月份',
    changesNone: '无变动',
    gap: (dates) => `${dates} 无数据`,
    baseline: (models) => `首个快照：${models} 个模型（基线，无变动）`,
    dayCounts: (entered, left, returned, models) => `新增 ${entered} · 下榜 ${left} · 重新上榜 ${returned} · 在榜 ${models}`,
    dayExtras: ({ renamed, served, servedAgain, unserved }) => {
      const gateway = [served && `开始提供 ${served}`, servedAgain && `重新提供 ${servedAgain}`, unserved && `不再提供 ${unserved}`].filter(Boolean);
      return [renamed && `改名 ${renamed}`, gateway.length > 0 && `OpenAI 兼容接口：${gateway.join('，')}`].filter(Boolean).join(' · ');
    },
    kinds: {
      entered: '新增',
      returned: '重新上榜',
      renamed: '改名',
      left: '下榜',
      served: 'OpenAI 兼容接口开始提供',
      'served-again': 'OpenAI 兼容接口重新提供',
      unserved: 'OpenAI 兼容接口不再提供',
    },
    renamedFrom: (id) => `原名 ${id}`,
    categories: { all: '全部模型', openai: 'OpenAI 兼容', lora: 'LoRA', image: '图像生成', other: '其他', unknown: '未知' },
    filterKind: '变动',
    filterCategory: '模型类别',
    allKinds: '全部变动',
    moreEvents: (n) => `……另有 ${n} 个，见 JSON`,
    statusTitle: '状态',
    statusDescription: '公开的数据健康状况：最新快照、其时效、缺失的夜晚和已发布的快照。',
    newest: '最新快照',
    age: (days) => (days <= 0 ? '今天' : `${days} 天前`),
    modelsNow: '在榜模型',
    modelsBefore: (date) => `上一个快照（${date}）`,
    missingNights: '缺少快照的夜晚',
    noMissing: '无',
    publishedSnapshots: '本站发布的快照',
    allSnapshots: (n) => `仓库中共有 ${n} 个快照`,
    observedDays: '观测夜数',
    gatewayNow: 'OpenAI 兼容接口提供的模型 id',
    shortfall: (count) => `魔搭给出的总数比列表实际多 ${count} 个模型（隐藏条目，两次完整读取结果相同）；快照记录了这一差额。`,
    unknownInference: (count) => `${count} 个在榜模型没有注明推理类型；已保留，类型记为未知。`,
    noData: '尚未生成任何快照。',
    healthy: '数据最新',
    stale: '滞后：最新快照已超过一天',
    nightOutcomes: { refused: '已拒绝', failed: '失败', cancelled: '已取消' },
    noReason: '未记录原因',
    demoNote: '演示数据：本站由本机上的模拟器生成（npm run demo），并非来自魔搭。',
    apiTitle: 'JSON API',
    apiLead: '本站的一切也以 JSON 和订阅源提供：静态文件，无需密钥，除托管方外没有频率限制。从 index.json 开始，它列出下面的每个 URL。',
    apiUrl: 'URL',
    apiWhat: '内容',
    apiFiles: {
      index: '有哪些文件、在哪里：数量、最新日期和每个 URL 模板',
      latest: '最新快照：榜上每个模型及其记录，以及 OpenAI 兼容接口提供的模型 id',
      changes: '每个观测夜和每个事件（新增、下榜、重新上榜、改名；开始提供、不再提供、重新提供）',
      snapshots: '本站发布的带日期快照',
      snapshot: '某一天的快照，格式与 latest.json 相同',
      model: '单个模型的记录：两个列表上的时段、事件、一年的点赞和下载、其记录',
      departed: '很久以前下榜的模型：时段和最后的数据，分桶存放',
      feed: 'JSON Feed 1.1：每个有变动的夜晚一条',
      rss: 'RSS 2.0：相同的条目',
      openaiFeed: 'OpenAI 兼容接口自身事件的 JSON Feed：开始提供、不再提供、重新提供的 id',
      openaiRss: '相同条目的 RSS',
    },
    apiExample: '示例',
    apiDocs: '每个字段的说明见本站代码仓库中的 docs/api.md。',
    notFoundTitle: '找不到页面',
    notFoundText: '此地址没有页面。很久以前离开榜单的模型，若存档中有记录，会显示于此（需要 JavaScript）。',
    notFoundHome: '搜索目录（包括已离开的模型）',
  },
};
