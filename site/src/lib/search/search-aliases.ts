// What people type for a model family that the ids spell otherwise: Chinese brand names (通义, 千问) and
// their pinyin, each with the text the ids and names carry. A search term that is one of these, or starts
// with one (千问3), also matches that text (qwen, qwen3). Data only; search-match.ts uses it.

/** Normalised (lower-case) name → what it also matches. Longer names first where one starts another. */
export const TERM_ALIASES: ReadonlyMap<string, readonly string[]> = new Map([
  ['通义千问', ['qwen']],
  ['通义万相', ['wan-ai', 'wan2']],
  ['通义', ['qwen', 'tongyi']],
  ['千问', ['qwen']],
  ['tongyi', ['qwen']],
  ['qianwen', ['qwen']],
  ['万相', ['wan-ai', 'wan2']],
  ['深度求索', ['deepseek']],
  ['智谱', ['zhipu', 'glm']],
  ['月之暗面', ['moonshot', 'kimi']],
  ['混元', ['hunyuan']],
  ['文心', ['ernie']],
  ['可图', ['kolors']],
  ['百川', ['baichuan']],
  ['书生', ['internlm']],
  ['浦语', ['internlm']],
  ['魔搭', ['modelscope']],
  ['稳定扩散', ['stable-diffusion']],
]);

/** Every text `term` (normalised) stands for: itself first, then its aliases, or a prefix alias's with the rest kept (千问3 → qwen3). */
export function termAlternatives(term: string): string[] {
  const exact = TERM_ALIASES.get(term);
  if (exact !== undefined) return [term, ...exact];
  // The longest name the term starts with (the map lists longer names before the names they start with).
  for (const [name, aliases] of TERM_ALIASES) {
    if (term.startsWith(name)) return [term, ...aliases.map((alias) => alias + term.slice(name.length))];
  }
  return [term];
}
