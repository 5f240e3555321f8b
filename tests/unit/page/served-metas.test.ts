import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateMetaRobots } from '../../../utils/signals/meta-robots';
import { ScannedPageSignalsSchema } from '../../../utils/messages/page-signals-schema';
import { readPageSignals } from '../../../utils/page/page-signals';
import { pageSignalsFromScan } from '../../../utils/page/received-signals';
import { metaTagsInServedHtml, readServedMetaTags } from '../../../utils/page/served-metas';

const AI = purposeProfile('ai-training');
const URL_ = 'https://p.test/gallery';
const page = (head: string) => `<!doctype html><html><head><meta charset="utf-8">${head}</head><body><img src="/a.png"></body></html>`;
/** The document as the page's scripts left it. */
const live = (html: string, run: (d: Document) => void = () => undefined): Document => {
  const d = parseHTML(html).document as unknown as Document;
  run(d);
  return d;
};
const denies = (d: Document, served: string | null) => {
  const signals = pageSignalsFromScan(ScannedPageSignalsSchema.parse(readPageSignals(d, URL_, served === null ? [] : metaTagsInServedHtml(served))));
  return evaluateMetaRobots(signals.metas, URL_, AI).filter((e) => e.effect === 'deny').map((e) => e.reason);
};

// A robots meta the owner's server wrote into the page, removed or rewritten by a script once the
// page runs, was read from the live document only: no opt-out, the images kept (e2e
// hostile-http.spec.ts). The HTML as served is read too (DESIGN.md §2 rule 3).
describe('readPageSignals with the served HTML (a robots meta a script removed or rewrote)', () => {
  const served = page('<meta name="robots" content="noai, noimageai"><script>/* removes it */</script>');

  it('a robots meta removed by script still refuses (meta-robots)', () => {
    const d = live(served, (doc) => doc.querySelector('meta[name="robots"]')!.remove());
    expect(denies(d, null)).toEqual([]); // the live document alone says nothing
    expect(denies(d, served)).toContain('meta-robots');
  });

  it('a robots meta rewritten by script to index, follow still refuses (meta-robots)', () => {
    const d = live(served, (doc) => doc.querySelector('meta[name="robots"]')!.setAttribute('content', 'index, follow'));
    expect(denies(d, served)).toContain('meta-robots');
  });

  it('a meta a script adds refuses as before; a served page without one adds nothing', () => {
    const plain = page('');
    const d = live(plain, (doc) => {
      const m = doc.createElement('meta');
      m.setAttribute('name', 'robots');
      m.setAttribute('content', 'noai');
      doc.head.append(m);
    });
    expect(denies(d, plain)).toContain('meta-robots');
    expect(denies(live(plain), plain)).toEqual([]);
  });
});

describe('metaTagsInServedHtml', () => {
  const names = (html: string) => metaTagsInServedHtml(html).map((m) => `${m('name')}=${m('content')}`);

  it('reads the metas of the head, inside <noscript> too, up to where the body starts', () => {
    expect(names('<head><meta name="robots" content="noai"><noscript><meta name="tdm-reservation" content="1"></noscript></head><body><META NAME=GPTBot CONTENT=noai></body>')).toEqual(['robots=noai', 'tdm-reservation=1']);
    // A `<body` inside a script or comment of the head is not where the body starts.
    expect(names('<head><script>document.write("<body>")</script><!-- <body> --><META NAME=GPTBot CONTENT=noai></head><body>')).toEqual(['GPTBot=noai']);
    // No body tag (implied): everything served is read.
    expect(names('<meta name="robots" content="noai"><p>text</p><meta name="GPTBot" content="noai">')).toEqual(['robots=noai', 'GPTBot=noai']);
  });

  it('leaves out comments, scripts and styles (not markup)', () => {
    const html = '<!-- <meta name="robots" content="noai"> --><script>const s = \'<meta name="robots" content="noai">\';</script><style>/* <meta name="robots" content="noai"> */</style><scripts-are-not-this><meta name="robots" content="noimageai">';
    expect(names(html)).toEqual(['robots=noimageai']);
  });

  it('an unclosed comment or script hides nothing before it', () => {
    expect(names('<meta name="robots" content="noai"><!-- <meta name="x" content="y">')).toEqual(['robots=noai']);
    expect(names('<meta name="robots" content="noai"><script>')).toEqual(['robots=noai']);
  });
});

describe('readServedMetaTags', () => {
  const answer = (body: string, init: ResponseInit & { redirected?: boolean } = {}) =>
    (async () => {
      const res = new Response(body, { status: init.status ?? 200, headers: init.headers ?? { 'content-type': 'text/html; charset=utf-8' } });
      if (init.redirected) Object.defineProperty(res, 'redirected', { value: true });
      return res;
    }) as unknown as typeof fetch;

  it('reads the served page’s metas, asking the HTTP cache first and without the fragment', async () => {
    let asked: [string, RequestInit | undefined] | undefined;
    const fetchImpl = (async (url: string, init?: RequestInit) => {
      asked = [url, init];
      return new Response('<meta name="robots" content="noai">', { headers: { 'content-type': 'text/html' } });
    }) as unknown as typeof fetch;
    const metas = await readServedMetaTags(`${URL_}#photos`, fetchImpl);
    expect(metas.map((m) => m('content'))).toEqual(['noai']);
    expect(asked?.[0]).toBe(URL_);
    expect(asked?.[1]).toMatchObject({ cache: 'force-cache', credentials: 'same-origin' });
  });

  it('stops reading once the head has arrived: the rest of the page is not waited for', async () => {
    let pulled = 0;
    const chunks = ['<html><head><meta name="robots" content="noai"></head>', '<body><p>1</p>', '<p>2</p>'.repeat(1000), '<p>3</p>'];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks[pulled++];
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const fetchImpl = (async () => new Response(body, { headers: { 'content-type': 'text/html' } })) as unknown as typeof fetch;
    const metas = await readServedMetaTags(URL_, fetchImpl);
    expect(metas.map((m) => m('content'))).toEqual(['noai']);
    expect(pulled).toBeLessThan(chunks.length);
  });

  it('an error, a redirect elsewhere, a body that is not HTML or a failed request adds nothing', async () => {
    const noai = '<meta name="robots" content="noai">';
    expect(await readServedMetaTags(URL_, answer(noai, { status: 404 }))).toEqual([]);
    expect(await readServedMetaTags(URL_, answer(noai, { redirected: true }))).toEqual([]);
    expect(await readServedMetaTags(URL_, answer(noai, { headers: { 'content-type': 'application/json' } }))).toEqual([]);
    expect(await readServedMetaTags(URL_, (async () => Promise.reject(new Error('offline'))) as unknown as typeof fetch)).toEqual([]);
    expect(await readServedMetaTags('about:blank', answer(noai))).toEqual([]);
  });
});
