import { useEffect, useState } from 'preact/hooks';
import { openHeedDB, type HeedDatabase } from '@/utils/store/db';

/** Open Heed's database once for the page; an error (e.g. a newer schema) is shown, not thrown. */
export function useHeedDb(): { db: HeedDatabase | null; error: string | null } {
  const [state, setState] = useState<{ db: HeedDatabase | null; error: string | null }>({ db: null, error: null });
  useEffect(() => {
    let alive = true;
    let opened: HeedDatabase | null = null;
    openHeedDB()
      .then((db) => {
        opened = db;
        if (alive) setState({ db, error: null });
        else db.close();
      })
      .catch((err: unknown) => alive && setState({ db: null, error: err instanceof Error ? err.message : String(err) }));
    return () => {
      alive = false;
      opened?.close();
    };
  }, []);
  return state;
}
