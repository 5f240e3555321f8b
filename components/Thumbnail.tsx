import { useEffect, useState } from 'preact/hooks';
import { getBlob, openHeedDB } from '@/utils/db';
import type { Verdict } from '@/utils/verdict';

/**
 * A small preview: the stored bytes for a collected image (no request leaves the machine), the
 * image URL itself otherwise (a request to the site being collected from, without a referrer).
 */
export function Thumbnail({ verdict }: { verdict: Verdict }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    if (verdict.sha256 && (verdict.decision === 'permitted' || verdict.decision === 'duplicate')) {
      void openHeedDB().then(async (db) => {
        const blob = await getBlob(db, verdict.sha256!);
        db.close();
        if (blob && live) {
          url = URL.createObjectURL(blob);
          setSrc(url);
        }
      });
    } else if (/^(https?|data):/.test(verdict.url)) {
      setSrc(verdict.url);
    }
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [verdict.sha256, verdict.url, verdict.decision]);
  return src ? <img class="thumb" src={src} alt="" loading="lazy" referrerpolicy="no-referrer" /> : <span class="thumb thumb--empty" aria-hidden="true" />;
}
