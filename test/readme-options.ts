// The README's tables of options and variables as the declarations say them (core/options.ts), for
// test/readme.test.ts to compare with what the README shows.
import type { Command } from '../core/command.ts';
import { optionNames } from '../core/command.ts';
import type { Option, Options } from '../core/options.ts';

/** A default as the README's table shows it: code in backticks, numbers plain, a switch off, a phrase as said. */
function shownDefault(declared: Option<unknown>): string {
  if (declared.type === 'boolean') return 'off';
  if (declared.shown === undefined) return '';
  return declared.fallback !== undefined && typeof declared.fallback === 'string' ? `\`${declared.shown}\`` : declared.shown;
}

/** One markdown table row; an empty cell is `| |`. */
const row = (cells: readonly string[]): string => `|${cells.map((cell) => (cell === '' ? ' ' : ` ${cell} `)).join('|')}|`;

/** A command's options and variables as a markdown table: option, environment, default, meaning. */
export function optionTable(command: Command<Options>): string {
  const options = Object.entries(command.options).map(([name, declared]) =>
    row([`\`${optionNames(name, declared)}\``, declared.env === undefined ? '' : `\`${declared.env}\``, shownDefault(declared), declared.range === undefined ? declared.doc : `${declared.doc} (${declared.range})`]),
  );
  const variables = Object.entries(command.environment ?? {}).map(([name, doc]) => row(['', `\`${name}\``, '', doc]));
  return [row(['option', 'environment', 'default', 'meaning']), '|---|---|---|---|', ...options, ...variables].join('\n');
}
