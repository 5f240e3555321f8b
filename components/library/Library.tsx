import { useEffect, useState } from 'preact/hooks';
import { ExportMenu } from '../ExportMenu';
import { LibraryView } from './LibraryView';
import { SettingsPanel } from './SettingsPanel';
import { useHeedDb } from './useHeedDb';

type Route = 'library' | 'settings';
const routeOf = (hash: string): Route => (hash === '#settings' ? 'settings' : 'library');

// The hash carries the route, so the skip link moves focus itself instead of changing the hash.
function skip(e: Event) {
  e.preventDefault();
  (document.querySelector<HTMLElement>('[role="grid"]') ?? document.getElementById('main'))?.focus();
}

/** The options page: the library of collected items, and settings (`#settings`). */
export function Library({ createFacetWorker }: { createFacetWorker?: () => Worker }) {
  const { db, error } = useHeedDb();
  const [route, setRoute] = useState<Route>(routeOf(location.hash));
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const onHash = () => setRoute(routeOf(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const [libraryShown, setLibraryShown] = useState(route === 'library');
  useEffect(() => {
    if (route === 'library') setLibraryShown(true);
    document.title = route === 'settings' ? 'Heed — Settings' : 'Heed — Library';
  }, [route]);

  const nav = (to: Route, text: string) => (
    <a href={`#${to}`} aria-current={route === to ? 'page' : undefined} data-testid={`nav-${to}`}>
      {text}
    </a>
  );
  return (
    <div class="app">
      <a class="skip" href="#main" onClick={skip}>Skip to content</a>
      <header class="app__header">
        <h1>Heed</h1>
        <nav aria-label="Sections">
          {nav('library', 'Library')}
          {nav('settings', 'Settings')}
        </nav>
        {/* Exports live here too: a long ZIP export survives, unlike in a popup that closes. */}
        <ExportMenu />
      </header>
      {error ? (
        <main id="main" tabIndex={-1}><p role="alert" class="error">Heed could not open its database: {error}</p></main>
      ) : !db ? (
        <main id="main" tabIndex={-1}><p class="muted">Opening the library…</p></main>
      ) : (
        <>
          {route === 'settings' ? <main id="main" tabIndex={-1} class="app__page"><SettingsPanel db={db} announce={setAnnouncement} /></main> : null}
          {/* Kept mounted (hidden) once shown, so a visit to Settings does not re-read 100k items. */}
          {libraryShown ? <LibraryView db={db} hidden={route !== 'library'} announce={setAnnouncement} {...(createFacetWorker ? { createFacetWorker } : {})} /> : null}
        </>
      )}
      <div class="visually-hidden" role="status" aria-live="polite" data-testid="announcer">{announcement}</div>
    </div>
  );
}
