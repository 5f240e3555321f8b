import { memo } from 'preact/compat';
import { visibleText } from '@/utils/ui/visible-text';
import type { HeedDatabase } from '@/utils/store/db';
import type { ManifestItem } from '@/utils/model/manifest';
import { createSiteResolver } from '@/utils/ui/library-filter';
import { formatTime, itemLabel } from './format';
import { useObjectUrl } from './useObjectUrl';

const siteOf = createSiteResolver();
/** Wait this long before reading a thumbnail: cells a fling passes (~100 ms on screen) never decode one. */
const THUMB_DELAY_MS = 150;

interface ItemCardProps {
  db: HeedDatabase | null;
  index: number;
  id: string;
  itemKey: string;
  /** undefined while loading, null when the item is gone. */
  item: ManifestItem | null | undefined;
  active: boolean;
  onOpen(index: number): void;
}

/** One grid cell: thumbnail, label, site and creator, licence and date. All text is rendered as text. */
export const ItemCard = memo(function ItemCard({ db, index, id, itemKey, item, active, onOpen }: ItemCardProps) {
  const thumb = useObjectUrl(db, item ? itemKey : null, THUMB_DELAY_MS);
  const licence = item ? (item.licence?.id ?? (item.licence ? 'Licence' : 'No licence')) : '';
  const creator = item && typeof item.licence?.creator === 'string' ? visibleText(item.licence.creator) : '';
  return (
    <div
      id={id}
      role="gridcell"
      class={`card${active ? ' card--active' : ''}`}
      data-testid="library-item"
      data-sha256={itemKey}
      aria-busy={item === undefined ? 'true' : undefined}
      onClick={() => onOpen(index)}
    >
      <div class="card__thumb">
        {thumb.url ? <img src={thumb.url} alt="" decoding="async" draggable={false} /> : <span class="card__placeholder">{thumb.missing ? 'No image' : ''}</span>}
      </div>
      {item ? (
        <div class="card__text">
          <span class="card__label" title={itemLabel(item)}>{itemLabel(item)}</span>
          <span class="card__site" title={creator ? `by ${creator}` : undefined} data-testid="card-site">
            {siteOf(item.pageUrl) || '—'}
            {creator ? ` · by ${creator}` : ''}
          </span>
          <span class="card__meta">
            <span class={`badge${item.licence ? '' : ' badge--none'}`}>{licence}</span>
            <span class="card__date">{formatTime(item.collectedAt)}</span>
          </span>
        </div>
      ) : (
        <div class="card__text">
          <span class="card__label">{item === null ? 'Deleted item' : 'Loading…'}</span>
        </div>
      )}
    </div>
  );
});
