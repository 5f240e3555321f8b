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

/** Whether Heed holds the bytes of this image (stored now, or stored before: a duplicate). */
const isStored = (v: Verdict) => !!v.sha256 && (v.decision === 'permitted' || v.decision === 'duplicate');

/**
 * A small preview, from the stored bytes only: no request leaves the machine. An image that was
 * not stored (refused, failed) gets a placeholder that says so: Heed's own pages never request a
 * page's or image's URL, which would go with the user's cookies for that site (DESIGN.md §3).
 * Read only once its row is near the visible part of the list.
 */
export function Thumbnail({ verdict }: { verdict: Verdict }) {
  const stored = isStored(verdict);
  const [src, setSrc] = useState<string | null>(null);
  const placeholder = useRef<HTMLSpanElement>(null);
  const near = useNearViewport(placeholder);
  useEffect(() => {
    if (!near || !stored || !verdict.sha256) return;
    let url: string | null = null;
    let live = true;
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
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [near, stored, verdict.sha256]);
  if (!stored) {
    return (
      <span class="thumb thumb--not-stored" data-testid="thumb-not-stored" title="No preview: this image was not stored, and Heed does not load it again" aria-hidden="true">
        not stored
      </span>
    );
  }
  return src ? (
    <img class="thumb" src={src} alt="" />
  ) : (
    <span ref={placeholder} class="thumb thumb--empty" aria-hidden="true" />
  );
}
