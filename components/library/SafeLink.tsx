import type { ComponentChildren } from 'preact';
import { httpUrl } from '@/utils/ui/safe-url';

/** A link only when `href` is http(s); anything else (javascript:, data:, "xmp") is plain text. */
export function SafeLink({ href, children }: { href: unknown; children?: ComponentChildren }) {
  const url = httpUrl(href);
  const text = children ?? (typeof href === 'string' ? href : '');
  return url ? (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  ) : (
    <span>{text}</span>
  );
}
