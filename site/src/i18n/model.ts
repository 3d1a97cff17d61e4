// Interface strings of a model page: its facts, membership timeline, chart and usage snippet. Both
// languages side by side, so a missing translation is a type error; strings with figures are functions.
// The change kinds use the changes page's words (common.ts), so one event reads the same everywhere.
import { codeLabel, type CodeKind } from './codes.ts';
import type { Labels } from './lang.ts';

/** How a model is called: chat = OpenAI-compatible gateway; image = async image task; lora = image task on a base model; other = see its page (lib/snippets.ts decides). */
export type SnippetKind = 'chat' | 'image' | 'lora' | 'other';

/** Labels of the model page. Dates arrive formatted (`YYYY-MM-DD`), counts as numbers. */
export interface ModelLabels {
  likes: string;
  downloads: string;
  /** Status badge of a model on the list now. */
  onList: string;
  /** The tombstone line of a departed model: when it left and how long its last stay was. */
  leftAfter: (date: string, days: number) => string;
  /** Status line of a model on the list: when its current stay began. */
  onListSince: (date: string) => string;
  entered: string;
  left: string;
  returned: string;
  /** Heading of the membership timeline. */
  membership: string;
  /** Heading of the likes-and-downloads history. */
  history: string;
  /** Length of one stay. */
  stayOf: (days: number) => string;
  /** Length of one stay on the gateway's list. */
  servedFor: (days: number) => string;
  /** Marks the stay still going on. */
  stillOnList: string;
  task: string;
  licence: string;
  /** Shown for a licence upstream leaves empty. */
  noLicence: string;
  baseModel: string;
  /** The family an AIGC model belongs to (upstream VisionFoundation). */
  family: string;
  kind: string;
  openaiApi: string;
  lora: string;
  image: string;
  other: string;
  viewOnModelScope: string;
  json: string;
  /** Heading of the usage snippet. */
  callIt: string;
  copy: string;
  copied: string;
  /** When the clipboard refuses: the reader copies by hand. */
  copyFailed: string;
  /** What the snippet of each kind does, shown above it. */
  snippetNote: Readonly<Record<SnippetKind, string>>;
  /** Tab names of the snippet's forms. */
  snippetLanguage: Readonly<Record<'sh' | 'python' | 'js', string>>;
  /** The link a model of no known kind gets in place of a snippet. */
  howToCallOnModelScope: string;
  /** Where the token comes from and who may use it. */
  tokenNote: string;
  /** Text of the link to the token page (TOKEN_PAGE in lib/snippets.ts). */
  tokenLink: string;
  /** ModelScope's page stays the authority on calling a model. */
  authoritative: string;
  /** Title of the chart (and its accessible name, with the range). */
  chartTitle: (from: string, to: string) => string;
  /** An upstream code's human label (i18n/codes.ts): `kind` is a CodeKind. */
  code: (kind: string, code: string) => string;
  /** The parameter count fact: its label and the count written short. */
  parameters: string;
  parameterCount: (count: number) => string;
  /** When the model was created and last updated on ModelScope. */
  created: string;
  updated: string;
  tags: string;
  /** The day the OpenAI-compatible gateway lists for it. */
  gatewaySince: string;
  /** The kind of API-Inference support (upstream SupportInference) and the AIGC type. */
  inferenceType: string;
  aigcType: string;
  /** A tombstone's facts: the record as last seen. */
  lastKnown: string;
  /** "Use instead": models on the list like the departed one, and why each is listed. */
  useInstead: string;
  useInsteadNote: string;
  sameBase: string;
  sameFamily: string;
  sameOwner: string;
  /** Above the chart until the pointer or a key picks a day; and how the keys move once it has focus. */
  chartHint: string;
  chartKeys: string;
  /** After a panel's title when its axis is logarithmic. */
  logScale: string;
  /** Column of the figures table naming what happened that day (entered, returned, left). */
  event: string;
  /** Caption of the table giving the chart's figures as text. */
  chartFigures: string;
  date: string;
  /** A table cell or chart gap for a day the model was not on the list. */
  notOnList: string;
  /** Legend of the chart's blank stretches. */
  chartGaps: string;
  /** In the chart's place until (or unless) script draws it. */
  chartInJson: string;
  /** Facts of a LoRA: the base model API-Inference calls it through, and the words its prompt should hold. */
  calledThrough: string;
  triggerWords: string;
  /** Heading of the gateway timeline: stays on `GET /v1/models` under this exact id. */
  gatewayStays: string;
  /** A stay on the gateway's list: the first one, and later ones. */
  served: string;
  servedAgain: string;
  /** Marks the gateway stay still going on. */
  stillServed: string;
  /** Badge and lead of an id the gateway serves but the catalog does not list. */
  gatewayOnly: string;
  gatewayOnlyText: string;
  /** Lead of an id the gateway no longer serves and the catalog never listed (or no longer lists). */
  noLongerServed: (date: string) => string;
  /** The page of an old id after a rename. */
  renamedTo: string;
  renamedOn: (date: string) => string;
  /** Above the chat request of a gateway id whose kind we do not know. */
  gatewayCallNote: string;
}

const shortCount = (n: number, lang: 'en' | 'zh'): string => {
  const scales: [number, string][] = lang === 'zh' ? [[1e8, ' 亿'], [1e4, ' 万']] : [[1e12, ' trillion'], [1e9, ' billion'], [1e6, ' million']];
  for (const [size, unit] of scales) if (n >= size) return `${Number((n / size).toPrecision(3)).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')}${unit}`;
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
};

const dayCount = (n: number): string => (n === 1 ? '1 day' : `${n.toLocaleString('en-US')} days`);

export const MODEL_LABELS: Labels<ModelLabels> = {
  en: {
    likes: 'Likes',
    downloads: 'Downloads',
    onList: 'On the list',
    leftAfter: (date, days) => `Left the list on ${date} after ${dayCount(days)}.`,
    onListSince: (date) => `On the list since ${date}.`,
    entered: 'Entered',
    left: 'Left',
    returned: 'Returned',
    membership: 'Membership',
    history: 'History',
    stayOf: (days) => `stay of ${dayCount(days)}`,
    servedFor: (days) => `served for ${dayCount(days)}`,
    stillOnList: 'still on the list',
    task: 'Task',
    licence: 'Licence',
    noLicence: 'none given',
    baseModel: 'Base model',
    family: 'Model family',
    kind: 'Kind',
    openaiApi: 'OpenAI-compatible API',
    lora: 'LoRA',
    image: 'Image generation',
    other: 'Other',
    viewOnModelScope: 'View on ModelScope',
    json: 'JSON',
    callIt: 'Call it',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy: select the text and copy it by hand.',
    snippetNote: {
      chat: 'OpenAI-compatible: any OpenAI client works with base URL https://api-inference.modelscope.cn/v1/ and this model id.',
      image: 'Image generation is asynchronous: the first call starts a task, the loop polls it until it has succeeded or failed.',
      lora: 'A LoRA is not called by its own id: a base model is, with the LoRA passed in “loras”.',
      other: 'This model is neither a chat model nor an image generator, and this site has no ready-made call for its kind.',
    },
    snippetLanguage: { sh: 'curl', python: 'Python', js: 'JavaScript' },
    howToCallOnModelScope: 'How to call it, on its ModelScope page',
    tokenNote: 'Set MODELSCOPE_TOKEN to your ModelScope access token. API-Inference answers only accounts bound to a real-name-verified Alibaba Cloud account.',
    tokenLink: 'Get a token',
    authoritative: 'The example on the model’s ModelScope page is authoritative.',
    chartTitle: (from, to) => `Likes and downloads, ${from} to ${to}`,
    chartFigures: 'The chart’s figures',
    code: (kind, code) => codeLabel(kind as CodeKind, code, 'en').label,
    parameters: 'Parameters',
    parameterCount: (count) => shortCount(count, 'en'),
    created: 'Created',
    updated: 'Updated',
    tags: 'Tags',
    gatewaySince: 'OpenAI-compatible API since',
    inferenceType: 'Inference type',
    aigcType: 'AIGC type',
    lastKnown: 'As last seen on the list',
    useInstead: 'Use instead',
    useInsteadNote: 'Models still on the list with the same base model, family or owner.',
    sameBase: 'same base model',
    sameFamily: 'same family',
    sameOwner: 'same owner',
    chartHint: 'Point at the chart, or focus it and press the arrow keys, for the figures of one day.',
    chartKeys: 'Left and right arrow keys step through the days the figures changed.',
    logScale: 'log scale',
    event: 'Event',
    date: 'Date',
    notOnList: 'not on the list',
    chartGaps: 'Shaded stretches: not on the list',
    calledThrough: 'Called through',
    triggerWords: 'Trigger words',
    gatewayStays: 'On the OpenAI-compatible API',
    served: 'Served',
    servedAgain: 'Served again',
    stillServed: 'still served',
    gatewayOnly: 'OpenAI-compatible API only',
    gatewayOnlyText: 'ModelScope’s OpenAI-compatible gateway (GET /v1/models) serves this id, but the catalog’s API-Inference list does not list it.',
    noLongerServed: (date) => `No longer served by the OpenAI-compatible API since ${date}.`,
    renamedTo: 'Renamed: this model is now listed as',
    renamedOn: (date) => `Renamed on ${date}; its history continues on the new page.`,
    gatewayCallNote: 'The gateway lists this id; a chat request is the usual call (what it answers depends on the model).',
    chartInJson: 'The chart is drawn by script; its figures are in this model’s JSON.',
  },
  zh: {
    likes: '点赞',
    downloads: '下载',
    onList: '在榜',
    leftAfter: (date, days) => `在榜 ${days.toLocaleString('zh-CN')} 天后，于 ${date} 下榜。`,
    onListSince: (date) => `自 ${date} 起在榜。`,
    entered: '新增',
    left: '下榜',
    returned: '重新上榜',
    membership: '上榜记录',
    history: '历史数据',
    stayOf: (days) => `在榜 ${days.toLocaleString('zh-CN')} 天`,
    servedFor: (days) => `提供 ${days.toLocaleString('zh-CN')} 天`,
    stillOnList: '仍在榜',
    task: '任务',
    licence: '许可证',
    noLicence: '未注明',
    baseModel: '基础模型',
    family: '模型系列',
    kind: '类别',
    openaiApi: 'OpenAI 兼容 API',
    lora: 'LoRA',
    image: '图像生成',
    other: '其他',
    viewOnModelScope: '在 ModelScope 上查看',
    json: 'JSON',
    callIt: '调用方式',
    copy: '复制',
    copied: '已复制',
    copyFailed: '无法复制：请选中文本手动复制。',
    snippetNote: {
      chat: 'OpenAI 兼容：任何 OpenAI 客户端均可使用，base URL 为 https://api-inference.modelscope.cn/v1/，model 为此模型 ID。',
      image: '图像生成为异步调用：第一次请求创建任务，随后的循环轮询任务，直到成功或失败。',
      lora: 'LoRA 不能以自身 ID 调用：需调用基础模型，并在 “loras” 中传入此 LoRA。',
      other: '此模型既不是对话模型也不是图像生成模型，本站没有适用于此类模型的现成调用示例。',
    },
    snippetLanguage: { sh: 'curl', python: 'Python', js: 'JavaScript' },
    howToCallOnModelScope: '调用方式见其 ModelScope 页面',
    tokenNote: '请将 MODELSCOPE_TOKEN 设为你的 ModelScope 访问令牌。API-Inference 仅响应已绑定并完成实名认证的阿里云账号。',
    tokenLink: '获取令牌',
    authoritative: '以该模型在 ModelScope 页面上的示例为准。',
    chartTitle: (from, to) => `点赞与下载，${from} 至 ${to}`,
    chartFigures: '图表数据',
    code: (kind, code) => codeLabel(kind as CodeKind, code, 'zh').label,
    parameters: '参数量',
    parameterCount: (count) => shortCount(count, 'zh'),
    created: '创建于',
    updated: '更新于',
    tags: '标签',
    gatewaySince: 'OpenAI 兼容接口提供起始日',
    inferenceType: '推理类型',
    aigcType: 'AIGC 类型',
    lastKnown: '最后一次在榜时的信息',
    useInstead: '可改用',
    useInsteadNote: '仍在榜、基础模型、模型系列或作者相同的模型。',
    sameBase: '基础模型相同',
    sameFamily: '模型系列相同',
    sameOwner: '作者相同',
    chartHint: '将指针移到图表上，或聚焦图表后使用方向键，查看某一天的数据。',
    chartKeys: '左右方向键逐一查看数据变化的日期。',
    logScale: '对数刻度',
    event: '事件',
    date: '日期',
    notOnList: '不在榜',
    chartGaps: '阴影段：不在榜',
    calledThrough: '调用时使用的基础模型',
    triggerWords: '触发词',
    gatewayStays: 'OpenAI 兼容接口记录',
    served: '开始提供',
    servedAgain: '重新提供',
    stillServed: '仍在提供',
    gatewayOnly: '仅 OpenAI 兼容接口',
    gatewayOnlyText: '魔搭的 OpenAI 兼容接口（GET /v1/models）提供此 id，但 API-Inference 模型列表中没有它。',
    noLongerServed: (date) => `自 ${date} 起 OpenAI 兼容接口不再提供。`,
    renamedTo: '已改名：此模型现在的名称是',
    renamedOn: (date) => `于 ${date} 改名；记录在新页面上继续。`,
    gatewayCallNote: '接口列出了此 id；通常用对话请求调用（具体取决于模型）。',
    chartInJson: '图表由脚本绘制；数据见此模型的 JSON。',
  },
};
