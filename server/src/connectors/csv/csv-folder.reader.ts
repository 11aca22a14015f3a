import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CsvFolderError } from './csv.errors';

/** The import files found in a folder; a file that is absent is simply not listed. */
export interface ImportFolder {
  dir: string;
  users: ImportFile | null;
  logins: ImportFile | null;
  opportunities: ImportFile | null;
  training: ImportFile | null;
  activities: ImportFile | null;
  /** `<object>.csv` files by object type (`accounts.csv` -> `account`). */
  records: Map<string, ImportFile>;
}

export interface ImportFile {
  /** The file name as it is in the folder, used in error messages. */
  name: string;
  path: string;
}

const FIXED_FILES = ['users', 'logins', 'opportunities', 'training', 'activities'] as const;
/** Object types the fixed files stand for: `opportunity.csv` would be read as records of a second opportunity object. */
const RESERVED_OBJECTS: Record<string, string> = {
  user: 'users.csv',
  login: 'logins.csv',
  opportunity: 'opportunities.csv',
  training: 'training.csv',
  activity: 'activities.csv',
};
const OBJECT_TYPE = /^[a-z][a-z0-9_]{0,99}$/;

/**
 * Object type of `<object>.csv`: the lower-cased base name made singular
 * (`accounts` -> `account`, `opportunities` -> `opportunity`; a name ending in `ss` or without `s` is kept).
 */
export function objectTypeOfFile(baseName: string): string {
  const name = baseName.toLowerCase();
  if (name.endsWith('ies') && name.length > 3) return `${name.slice(0, -3)}y`;
  if (name.endsWith('s') && !name.endsWith('ss') && name.length > 1) return name.slice(0, -1);
  return name;
}

/** Lists the import files of `dir` (names compared without case); a folder without any is an error. */
export async function readImportFolder(dir: string): Promise<ImportFolder> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CsvFolderError(dir, 'no such folder');
    throw error;
  }
  const folder: ImportFolder = {
    dir,
    users: null,
    logins: null,
    opportunities: null,
    training: null,
    activities: null,
    records: new Map(),
  };
  for (const name of names.sort()) {
    if (!name.toLowerCase().endsWith('.csv') || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (!(await stat(path)).isFile()) continue;
    const base = name.slice(0, -'.csv'.length).toLowerCase();
    const fixed = FIXED_FILES.find((entity) => entity === base);
    if (fixed) {
      if (folder[fixed]) throw new CsvFolderError(dir, `both "${folder[fixed].name}" and "${name}" hold ${fixed}`);
      folder[fixed] = { name, path };
      continue;
    }
    const objectType = objectTypeOfFile(base);
    if (!OBJECT_TYPE.test(objectType)) {
      throw new CsvFolderError(
        dir,
        `"${name}": an object file is named <object>.csv with letters, digits and underscores only, at most 100 (e.g. accounts.csv)`,
      );
    }
    if (RESERVED_OBJECTS[objectType])
      throw new CsvFolderError(dir, `"${name}": ${objectType} data goes in ${RESERVED_OBJECTS[objectType]}`);
    const other = folder.records.get(objectType);
    if (other) throw new CsvFolderError(dir, `both "${other.name}" and "${name}" hold records of object "${objectType}"`);
    folder.records.set(objectType, { name, path });
  }
  if (!folder.users && !folder.logins && !folder.opportunities && !folder.training && !folder.activities && folder.records.size === 0) {
    throw new CsvFolderError(
      dir,
      'no import files (expected users.csv, logins.csv, opportunities.csv, training.csv, activities.csv or <object>.csv such as accounts.csv)',
    );
  }
  return folder;
}
