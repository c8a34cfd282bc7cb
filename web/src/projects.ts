/** The recent projects of this browser (localStorage): which sessions, their names, when last opened. */
export interface ProjectEntry {
  id: string;
  name: string;
  /** ms since the epoch. */
  at: number;
}

export const KEY_PROJECTS = 'photoreel.projects';
export const MAX_PROJECTS = 12;

export function readProjects(store: Pick<Storage, 'getItem'>): ProjectEntry[] {
  try {
    const list = JSON.parse(store.getItem(KEY_PROJECTS) ?? '[]') as unknown;
    if (!Array.isArray(list)) return [];
    return list.filter(
      (p): p is ProjectEntry =>
        typeof p === 'object' && p !== null && typeof p.id === 'string' && typeof p.name === 'string',
    );
  } catch {
    return [];
  }
}

/** Puts `entry` first (replacing its older entry), keeping at most MAX_PROJECTS. */
export function rememberProject(
  store: Pick<Storage, 'getItem' | 'setItem'>,
  entry: ProjectEntry,
): ProjectEntry[] {
  const list = [entry, ...readProjects(store).filter((p) => p.id !== entry.id)].slice(0, MAX_PROJECTS);
  store.setItem(KEY_PROJECTS, JSON.stringify(list));
  return list;
}

/** Updates a project's name without moving it. */
export function renameProject(
  store: Pick<Storage, 'getItem' | 'setItem'>,
  id: string,
  name: string,
): ProjectEntry[] {
  const list = readProjects(store).map((p) => (p.id === id ? { ...p, name } : p));
  store.setItem(KEY_PROJECTS, JSON.stringify(list));
  return list;
}

export function forgetProject(store: Pick<Storage, 'getItem' | 'setItem'>, id: string): ProjectEntry[] {
  const list = readProjects(store).filter((p) => p.id !== id);
  store.setItem(KEY_PROJECTS, JSON.stringify(list));
  return list;
}

/** A file name for a download: the project's name without characters file systems refuse, or `fallback`. */
export function downloadName(name: string | undefined, fallback = 'photoreel', ext = 'mp4'): string {
  const base = (name ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 80)
    .trim();
  return `${base || fallback}.${ext}`;
}
