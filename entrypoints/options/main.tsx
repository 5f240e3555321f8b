import { render } from 'preact';
import { Library } from '@/components/library/Library';

// Vite bundles the worker because the URL is written out here, literally.
const createFacetWorker = () => new Worker(new URL('./facets-worker.ts', import.meta.url), { type: 'module' });

render(<Library createFacetWorker={createFacetWorker} />, document.getElementById('app')!);
