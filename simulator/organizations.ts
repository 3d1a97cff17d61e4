// Who owns a generated model: the organisations (tidy world: a few fields; real world: the capture's 24 keys in
// order, or the Type 0 object of an individual user) and the namespaces a renamed model moves to. Each is one
// shared object per organisation, as upstream sends one organisation for many records.
import { pick } from './hash.ts';
import type { RealOrganization, UpstreamOrganization } from './types.ts';

/** [Path, FullName, GitHub] */
export const ORGS: readonly (readonly [string, string, string])[] = [
  ['Qwen', '通义千问', 'https://github.com/QwenLM'],
  ['deepseek-ai', 'DeepSeek', 'https://github.com/deepseek-ai'],
  ['ZhipuAI', '智谱AI', 'https://github.com/zai-org'],
  ['MiniMax', 'MiniMax', 'https://github.com/MiniMax-AI'],
  ['moonshotai', 'Moonshot AI', ''],
  ['Shanghai_AI_Laboratory', '上海人工智能实验室', 'https://github.com/InternLM'],
  ['LLM-Research', 'LLM-Research', ''],
  ['OpenBMB', 'OpenBMB', 'https://github.com/OpenBMB'],
  ['AI-ModelScope', 'AI-ModelScope', ''],
  ['MusePublic', 'MusePublic', ''],
  ['black-forest-labs', 'Black Forest Labs', 'https://github.com/black-forest-labs'],
  ['stepfun-ai', '阶跃星辰', ''],
];

const organizations = new Map<number, UpstreamOrganization>();

/** Shared per organisation: many records point at one object, as many records share one org upstream. */
export function organization(index: number): UpstreamOrganization {
  const cached = organizations.get(index);
  if (cached !== undefined) return cached;
  const [name, fullName, github] = ORGS[index] ?? ['AI-ModelScope', 'AI-ModelScope', ''];
  const result: UpstreamOrganization = {
    Id: 1000 + index * 37,
    Name: name,
    FullName: fullName,
    Avatar: `https://resouces.modelscope.cn/avatar/org-${name.toLowerCase()}.png`,
    GithubAddress: github,
    Type: 2,
    GmtCreated: '2023-03-10T11:24:21Z',
    GmtModified: '2025-03-18T03:05:34Z',
    Description: JSON.stringify(['root', {}, ['p', {}, ['span', { 'data-type': 'text' }, `${fullName} 的开源组织`]]]),
  };
  organizations.set(index, result);
  return result;
}

/** Namespaces a renamed model moves to (ModelScope moved `damo/` to `iic/`); all organisations. */
export const RENAME_TARGETS: readonly (readonly [string, string, string])[] = [
  ['iic', '通义实验室', 'https://github.com/modelscope'],
  ['Tongyi-MAI', 'Tongyi-MAI', ''],
  ['modelscope', 'ModelScope', 'https://github.com/modelscope'],
  ['Qwen-Image', 'Qwen-Image', ''],
];

/** The namespace a model in `from` is renamed to (never `from` itself), from a uniform draw `u`. */
export function pickRenameTarget(from: string, u: number): string {
  const targets = RENAME_TARGETS.map((t) => t[0]).filter((t) => t !== from);
  return pick(targets, u);
}

/** The real `Organization` of an individual user: Type 0, empty strings, null dates (the capture's exact key set). */
export const PERSON_ORGANIZATION: RealOrganization = ({
  ApplyFailureReason: '',
  ApplyReason: '',
  Avatar: '',
  CreateCompetition: false,
  CreatedBy: '',
  Description: '',
  DisplayUrl: '',
  Email: '',
  FromSite: '',
  FullName: '',
  GithubAddress: '',
  GmtCreated: null,
  GmtModified: null,
  Id: 0,
  InitAdminMembers: '',
  IsApply: false,
  IsCertification: '',
  Mobile: '',
  Name: '',
  Path: '',
  Roles: null,
  Status: 0,
  SubscribeVo: null,
  Type: 0,
});

/** Organisations of Type 1 in the real world (the capture has both 1, e.g. AI-ModelScope, and 2). */
const TYPE_1 = new Set(['AI-ModelScope', 'LLM-Research', 'MusePublic', 'stepfun-ai', 'Tongyi-MAI', 'Qwen-Image']);
const realOrganizations = new Map<string, RealOrganization>();
for (const [i, [name, fullName, github]] of [...ORGS, ...RENAME_TARGETS].entries()) {
  realOrganizations.set(name, ({
    ApplyFailureReason: '',
    ApplyReason: '',
    Avatar: i % 3 === 2 ? '' : `https://resouces.modelscope.cn/avatar/org-${name.toLowerCase()}.png`,
    CreateCompetition: false,
    CreatedBy: pick(['JadeCai', 'kelseye', 'wangxingjun778', 'yingda'], (i * 0.37) % 1),
    Description: JSON.stringify(['root', {}, ['p', {}, ['span', { 'data-type': 'text' }, ['span', { 'data-type': 'leaf' }, `${fullName} 的开源组织`]]]]),
    DisplayUrl: '',
    Email: '',
    FromSite: '',
    FullName: fullName,
    GithubAddress: github,
    GmtCreated: '2023-03-10T11:24:21Z',
    GmtModified: '2025-03-18T03:05:34Z',
    Id: 1000 + i * 37,
    InitAdminMembers: '',
    IsApply: false,
    IsCertification: '',
    Mobile: '',
    Name: name,
    Path: '',
    Roles: null,
    Status: 0,
    SubscribeVo: null,
    Type: TYPE_1.has(name) ? 1 : 2,
  }));
}

/** The real world's `Organization` for a namespace: the organisation's object, or the Type 0 one of a person. */
export function realOrganization(path: string): RealOrganization {
  return realOrganizations.get(path) ?? PERSON_ORGANIZATION;
}
