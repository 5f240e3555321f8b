/** Display helpers for the library: tolerant of malformed stored values. */
import { visibleText } from '@/utils/ui/visible-text';

/** A byte count as B / kB / MB / GB (1024-based, as storage estimates are). */
export function formatBytes(n: unknown): string {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

// Built once: toLocaleDateString with options builds a new formatter per call, slow in a grid.
const SHORT_DATE = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const LONG_DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A stored ISO time in the user's locale, or the raw text when it is not a date. */
export function formatTime(iso: unknown, style: 'short' | 'long' = 'short'): string {
  if (typeof iso !== 'string') return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 40);
  return (style === 'short' ? SHORT_DATE : LONG_DATE).format(d);
}

/** A short label for an item: its alt text, else the file name from its URL. */
export function itemLabel(item: { alt?: unknown; url?: unknown }): string {
  // Shown with bidi controls and invisible characters made visible (utils/ui/visible-text.ts):
  // a decoded %E2%80%AE in a URL must not reverse the name the library shows.
  if (typeof item.alt === 'string' && item.alt.trim()) return visibleText(item.alt.trim());
  if (typeof item.url !== 'string') return 'Untitled image';
  try {
    const name = decodeURIComponent(new URL(item.url).pathname.split('/').pop() ?? '');
    return visibleText(name || item.url);
  } catch {
    return visibleText(item.url) || 'Untitled image';
  }
}

/** "1,234" in the user's locale. */
export function formatCount(n: number): string {
  return n.toLocaleString();
}
