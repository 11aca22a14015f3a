import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DEFAULT_IMPORT_ROOT, envValue } from '../../config/environment';

/** The folder csv connections may read (their `path` option), for connections added through the API or `uptake connection add`. */
export const IMPORT_ROOT_ENV = 'UPTAKE_IMPORT_ROOT' as const;
export { DEFAULT_IMPORT_ROOT };

export function importRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(envValue(IMPORT_ROOT_ENV, env));
}

/**
 * The folder `path` (relative paths against the working directory) with every symbolic link
 * resolved, when it is the import root or inside it; otherwise why not. `..` and links that
 * lead out of the root are refused. A folder that does not exist yet (files arrive later) is
 * judged by its nearest existing parent.
 */
export function folderInImportRoot(path: string, root: string = importRoot()): { dir: string } | { refused: string } {
  const dir = realpathOfExisting(resolve(path));
  const realRoot = realpathOfExisting(root);
  const rel = relative(realRoot, dir);
  if (rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))) return { dir };
  return {
    refused: `the folder ${dir} is outside the import root ${realRoot} (${IMPORT_ROOT_ENV}); csv connections read only folders under it`,
  };
}

/** realpath of the longest existing prefix of `path`, followed by the parts that do not exist (yet). */
function realpathOfExisting(path: string): string {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = dirname(current);
      if (parent === current) return path;
      missing.push(basename(current));
      current = parent;
    }
  }
}
