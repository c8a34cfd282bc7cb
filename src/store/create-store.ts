import { creditsRepo } from './credits-repo.ts';
import { mediaRepo } from './media-repo.ts';
import { openDatabase, type Db } from './open-database.ts';
import { rendersRepo } from './renders-repo.ts';
import { sessionsRepo } from './sessions-repo.ts';
import { tokensRepo } from './tokens-repo.ts';

/** The service's SQLite store: one database in the data folder, small repositories over it. */
export function createStore(dataDir: string) {
  const db: Db = openDatabase(dataDir);
  return {
    db,
    tokens: tokensRepo(db),
    credits: creditsRepo(db),
    sessions: sessionsRepo(db),
    media: mediaRepo(db),
    renders: rendersRepo(db),
    /** Runs `fn` in one IMMEDIATE transaction (all or nothing). */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
    close(): void {
      if (db.open) db.close();
    },
  };
}
export type Store = ReturnType<typeof createStore>;
