import { useEffect, useState } from 'preact/hooks';
import { getBlob, type HeedDatabase } from '@/utils/store/db';

/**
 * An object URL for an item's stored bytes, alive only while the component is mounted: created
 * after `delayMs` (so cells a fast scroll flies past never read their blob) and revoked on unmount.
 */
export function useObjectUrl(db: HeedDatabase | null, key: string | null, delayMs = 0): { url: string | null; missing: boolean } {
  const [state, setState] = useState<{ url: string | null; missing: boolean }>({ url: null, missing: false });
  useEffect(() => {
    if (!db || !key) return;
    let alive = true;
    let url: string | null = null;
    const timer = setTimeout(() => {
      getBlob(db, key)
        .then((blob) => {
          if (!alive) return;
          if (!blob) return setState({ url: null, missing: true });
          url = URL.createObjectURL(blob);
          setState({ url, missing: false });
        })
        .catch(() => alive && setState({ url: null, missing: true }));
    }, delayMs);
    return () => {
      alive = false;
      clearTimeout(timer);
      if (url) URL.revokeObjectURL(url);
      setState({ url: null, missing: false });
    };
  }, [db, key, delayMs]);
  return state;
}
