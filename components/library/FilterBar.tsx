import { memo } from 'preact/compat';
import { PURPOSES } from '@/utils/model/evidence';
import { EMPTY_FILTER, NO_CREATOR, type ItemFacets, type LibraryFilter, type SyntheticFilter, tallyFacets } from '@/utils/ui/library-filter';
import { useMemo } from 'preact/hooks';

interface FilterBarProps {
  filter: LibraryFilter;
  onChange(filter: LibraryFilter): void;
  facets: ItemFacets[] | null;
  progress: number;
}

const PURPOSE_LABELS: Record<string, string> = { 'ai-training': 'AI training', 'genai-training': 'Generative AI training', 'research-tdm': 'Research (text and data mining)' };
/** Menus list at most this many sites; the rest are reachable by typing in the site field. */
const MAX_SITE_OPTIONS = 500;

/** Filters by site, licence, creator, purpose, date range and synthetic; menus are filled once facets are read. */
export const FilterBar = memo(function FilterBar({ filter, onChange, facets, progress }: FilterBarProps) {
  const tally = useMemo(() => (facets ? tallyFacets(facets) : null), [facets]);
  const set = <K extends keyof LibraryFilter>(key: K, value: LibraryFilter[K]) => onChange({ ...filter, [key]: value });
  const ready = tally !== null;
  return (
    <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()} data-testid="library-filters">
      <h2 class="filters__title">Filter</h2>
      <label class="field">
        <span>Site</span>
        <input type="text" list="site-options" value={filter.site} placeholder="any site" data-testid="filter-site" onChange={(e) => set('site', e.currentTarget.value.trim().toLowerCase())} />
        <datalist id="site-options">
          {tally?.sites.slice(0, MAX_SITE_OPTIONS).map(([site, n]) => (
            <option key={site} value={site}>{`${site} (${n.toLocaleString()})`}</option>
          ))}
        </datalist>
      </label>
      <label class="field">
        <span>Licence</span>
        <select value={filter.licence} disabled={!ready} data-testid="filter-licence" onChange={(e) => set('licence', e.currentTarget.value)}>
          <option value="">any licence</option>
          {tally?.licences.map(([id, n]) => (
            <option key={id} value={id}>{`${id} (${n.toLocaleString()})`}</option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>Creator</span>
        <input type="text" list="creator-options" value={filter.creator} placeholder="any creator" data-testid="filter-creator" onChange={(e) => set('creator', e.currentTarget.value.trim().slice(0, 200))} />
        <datalist id="creator-options">
          <option value={NO_CREATOR}>{NO_CREATOR}</option>
          {tally?.creators.slice(0, MAX_SITE_OPTIONS).map(([creator, n]) => (
            <option key={creator} value={creator}>{`${creator} (${n.toLocaleString()})`}</option>
          ))}
        </datalist>
      </label>
      <label class="field">
        <span>Purpose</span>
        <select value={filter.purpose} data-testid="filter-purpose" onChange={(e) => set('purpose', e.currentTarget.value as LibraryFilter['purpose'])}>
          <option value="">any purpose</option>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>{PURPOSE_LABELS[p] ?? p}</option>
          ))}
        </select>
      </label>
      <fieldset class="field field--dates">
        <legend>Collected</legend>
        <label>
          <span>from</span>
          <input type="date" value={filter.from} data-testid="filter-from" onChange={(e) => set('from', e.currentTarget.value)} />
        </label>
        <label>
          <span>to</span>
          <input type="date" value={filter.to} data-testid="filter-to" onChange={(e) => set('to', e.currentTarget.value)} />
        </label>
      </fieldset>
      <label class="field">
        <span>Synthetic (AI-generated)</span>
        <select value={filter.synthetic} data-testid="filter-synthetic" onChange={(e) => set('synthetic', e.currentTarget.value as SyntheticFilter)}>
          <option value="any">any</option>
          <option value="true">yes</option>
          <option value="false">no</option>
          <option value="unknown">unknown</option>
        </select>
      </label>
      <label class="check field">
        <input type="checkbox" checked={filter.people} data-testid="filter-people" onChange={(e) => set('people', e.currentTarget.checked)} /> Shows people (a face was detected)
      </label>
      <button type="button" onClick={() => onChange(EMPTY_FILTER)} disabled={filter === EMPTY_FILTER}>
        Clear filters
      </button>
      {!ready ? (
        <p class="muted filters__progress" role="status">
          Reading item details for the filters… {Math.round(progress * 100)}%
        </p>
      ) : null}
    </form>
  );
});
