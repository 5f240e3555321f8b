/** What the in-page notice says: plain text only (page and signal text is untrusted). */
export interface Notice {
  headline: string;
  reasons: string[];
}

/**
 * Show a dismissible notice on the page, isolated in a shadow root so the page's CSS cannot
 * restyle it; every string is set as text, never as HTML. (Open, not closed: it says nothing
 * the page does not already know, and tests and assistive tools can read it.)
 *
 * The background injects this function itself (scripting.executeScript `func`), so it must be
 * self-contained: no imports, no module-level names, only its argument and the page's DOM.
 */
export function showNotice(notice: Notice): void {
  const doc = document;
  doc.getElementById('heed-notice-host')?.remove();
  const host = doc.createElement('div');
  host.id = 'heed-notice-host';
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  // The page styles the host from outside (display: none, opacity, a transform, a ::after whose
  // content covers the box with other words) and its inherited styles reach inside (color,
  // visibility, font). An !important rule inside the shadow tree beats the page's, even its
  // !important ones (CSS Cascade 4, shadow context), so the host starts from initial values.
  // (A page script can still remove or rewrite it: no styling can stop that.)
  style.textContent = `
    :host { all: initial !important; }
    :host::before, :host::after { content: none !important; display: none !important; }
    .box { position: fixed; z-index: 2147483647; right: 16px; bottom: 16px; max-width: 360px;
      font: 13px/1.4 system-ui, sans-serif; color: #1f1f1f; background: #fff; border: 2px solid #b3261e;
      border-radius: 10px; padding: 12px 14px; box-shadow: 0 4px 16px rgba(0,0,0,.2); }
    strong { display: block; margin-bottom: 4px; color: #b3261e; }
    ul { margin: 4px 0 8px; padding-left: 18px; }
    button { font: inherit; border: 1px solid #888; border-radius: 6px; background: #f4f4f4; padding: 3px 10px; cursor: pointer; }
    button:focus-visible { outline: 2px solid #1a56db; }`;
  const box = doc.createElement('div');
  box.className = 'box';
  box.setAttribute('role', 'status');
  const title = doc.createElement('strong');
  title.textContent = notice.headline;
  const list = doc.createElement('ul');
  for (const reason of notice.reasons.slice(0, 6)) {
    const li = doc.createElement('li');
    li.textContent = reason;
    list.append(li);
  }
  const dismiss = doc.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = 'Dismiss';
  dismiss.addEventListener('click', () => host.remove());
  box.append(title, list, dismiss);
  root.append(style, box);
  // On <html>, not <body>: a transform, filter or opacity on the page's body would move or hide
  // a fixed box inside it.
  doc.documentElement.append(host);
}
