import { useEffect, useRef, useState } from 'preact/hooks';
import { getBlob, openHeedDB, type HeedDatabase } from '@/utils/store/db';
import type { Verdict } from '@/utils/policy/verdict';

// One database connection for every thumbnail of the popup (a collect can list thousands).
let shared: Promise<HeedDatabase> | null = null;
const database = () => (shared ??= openHeedDB());

// Loaded when a row comes within a few rows of the visible list, not for every row at once.
const NEAR = '200px';

/** Whether `ref`'s element is (or has been) near the viewport; true at once where there is no IntersectionObserver. */
function useNearViewport(ref: { current: Element | null }): boolean {
  const [near, setNear] = useState(typeof IntersectionObserver !== 'function');
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setNear(true);
        observer.disconnect();
      }
    }, { rootMargin: NEAR });
    observer.observe(el);
    return () => observer.disconnect();
  }, [near, ref]);
  return near;
}

/**
 * A small preview: the stored bytes for a collected image (no request leaves the machine), the
 * image URL itself otherwise (a request to the site being collected from, without a referrer).
 * Read only once its row is near the visible part of the list.
 */
export function Thumbnail({ verdict }: { verdict: Verdict }) {
  const [src, setSrc] = useState<string | null>(null);
  const placeholder = useRef<HTMLSpanElement>(null);
  const near = useNearViewport(placeholder);
  useEffect(() => {
    if (!near) return;
    let url: string | null = null;
    let live = true;
    if (verdict.sha256 && (verdict.decision === 'permitted' || verdict.decision === 'duplicate')) {
      const key = verdict.sha256;
      database()
        .then((db) => getBlob(db, key))
        .then((blob) => {
          if (blob && live) {
            url = URL.createObjectURL(blob);
            setSrc(url);
          }
        })
        .catch(() => undefined); // no preview is no loss: the verdict row says it all
    } else if (/^(https?|data):/.test(verdict.url)) {
      setSrc(verdict.url);
    }
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [near, verdict.sha256, verdict.url, verdict.decision]);
  return src ? (
    <img class="thumb" src={src} alt="" loading="lazy" referrerpolicy="no-referrer" />
  ) : (
    <span ref={placeholder} class="thumb thumb--empty" aria-hidden="true" />
  );
}
