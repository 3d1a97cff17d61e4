// Comparing paths the way the file system sees them: `./data//`, `$PWD/data` and a link to data are one
// directory. Used wherever a command must not touch a directory it was not meant to.
import { realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** `path` absolute, with links resolved for the part of it that exists (the rest appended as written). */
export async function realPath(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(await realPath(parent), basename(absolute));
  }
}

/** Whether `inner` is `outer` or lies inside it, as real paths. */
export async function isWithin(inner: string, outer: string): Promise<boolean> {
  const [a, b] = [await realPath(inner), await realPath(outer)];
  return a === b || a.startsWith(b.endsWith(sep) ? b : b + sep);
}
