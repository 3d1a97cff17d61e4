// Comparing paths the way the file system sees them: `./data//`, `$PWD/data` and a link to data are one
// directory. Used wherever a command must not touch a directory it was not meant to.
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, sep } from 'node:path';

/**
 * `path` absolute, with links resolved for the part of it that exists (the rest appended as written), the
 * way the file system walks it: each link is resolved before a `..` after it applies, so `link/../data`
 * is the `data` beside the link's target, not beside the link (path.resolve would say the latter).
 */
export async function realPath(path: string): Promise<string> {
  const absolute = isAbsolute(path) ? path : `${process.cwd()}${sep}${path}`;
  let current: string = sep;
  let exists = true;
  for (const segment of absolute.split(sep)) {
    if (segment === '' || segment === '.') continue;
    current = segment === '..' ? dirname(current) : join(current, segment);
    if (!exists) continue;
    try {
      current = await realpath(current);
    } catch {
      // Nothing below a missing directory exists either: the rest is taken as written.
      exists = false;
    }
  }
  return current;
}

/** Whether `inner` is `outer` or lies inside it, as real paths. */
export async function isWithin(inner: string, outer: string): Promise<boolean> {
  const [a, b] = [await realPath(inner), await realPath(outer)];
  return a === b || a.startsWith(b.endsWith(sep) ? b : b + sep);
}
