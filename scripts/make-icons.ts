/**
 * Render Heed's extension icons from the SVG sources (npx tsx scripts/make-icons.ts).
 *
 *   public/icon-small.svg -> public/icon/16.png, public/icon/32.png  (pixel-fitted variant)
 *   public/icon.svg       -> public/icon/48.png, public/icon/96.png, public/icon/128.png
 *
 * WXT picks up public/icon/<size>.png as the manifest's `icons`; wxt.config.ts points
 * action.default_icon at the same files. The 128 px icon follows the Chrome Web Store rule
 * (96 px of artwork inside 16 px of transparent padding); every other size is full bleed.
 *
 * It also writes docs/screenshots/icon-toolbar.png: the 16 px icon on light and dark
 * toolbar strips, alone and under each status badge, at real size and magnified.
 *
 * Uses the system Chromium through the already-installed @playwright/test; it never downloads a browser.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const publicDir = resolve(root, 'public');
const preview = resolve(root, 'docs/screenshots/icon-toolbar.png');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Each output size, the source drawn for it, and the transparent padding around the artwork. */
const ICONS: { size: number; svg: string; pad: number }[] = [
  { size: 16, svg: 'icon-small.svg', pad: 0 },
  { size: 32, svg: 'icon-small.svg', pad: 0 },
  { size: 48, svg: 'icon.svg', pad: 0 },
  { size: 96, svg: 'icon.svg', pad: 0 },
  { size: 128, svg: 'icon.svg', pad: 16 },
];

/** The toolbar badges Heed shows (entrypoints/background/badge.ts), for the preview. */
const BADGES = [
  { text: 'NO', color: '#b3261e' },
  { text: '!', color: '#b26a00' },
  { text: 'OK', color: '#1e7b34' },
];

/** The SVG source with its intrinsic size set to `px` (the viewBox does the scaling). */
function sized(svg: string, px: number): string {
  return svg
    .replace(/<svg\b([^>]*?)\swidth="[^"]*"/, '<svg$1')
    .replace(/<svg\b([^>]*?)\sheight="[^"]*"/, '<svg$1')
    .replace(/<svg\b/, `<svg width="${px}" height="${px}" style="display:block"`);
}

async function render(page: Page, svg: string, size: number, pad: number): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<!doctype html><html><body style="margin:0;padding:${pad}px;background:transparent">${sized(svg, size - 2 * pad)}</body></html>`,
  );
  return page.screenshot({ clip: { x: 0, y: 0, width: size, height: size }, omitBackground: true });
}

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/** Toolbar strips at real (1x) size: the icon alone and under each badge, on light and dark. */
function toolbarHtml(icon16: string): string {
  const slot = (badge?: { text: string; color: string }) => `
    <span class="slot"><img src="${icon16}" width="16" height="16">${
      badge ? `<span class="badge" style="background:${badge.color}">${badge.text}</span>` : ''
    }</span>`;
  const strip = (bg: string, fg: string) => `
    <div class="strip" style="background:${bg}">
      <span class="omni" style="background:${bg === '#f1f3f4' ? '#ffffff' : '#35363a'};color:${fg}">example.com</span>
      ${slot()}${BADGES.map(slot).join('')}
    </div>`;
  return `<!doctype html><html><head><style>
    body { margin: 0; font-family: system-ui, sans-serif; }
    .strip { display: flex; align-items: center; gap: 14px; height: 34px; padding: 0 10px; }
    .omni { flex: 0 0 120px; height: 24px; border-radius: 12px; font-size: 12px; line-height: 24px; padding-left: 10px; }
    .slot { position: relative; width: 16px; height: 16px; padding: 6px; }
    .slot img { display: block; }
    .badge { position: absolute; right: -2px; bottom: 1px; min-width: 8px; height: 10px; padding: 0 2px;
             border-radius: 2px; color: #fff; font: 700 9px/10px system-ui, sans-serif; text-align: center; }
  </style></head><body id="strips">${strip('#f1f3f4', '#202124')}${strip('#202124', '#e8eaed')}</body></html>`;
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  mkdirSync(resolve(publicDir, 'icon'), { recursive: true });

  const rendered = new Map<number, Buffer>();
  for (const { size, svg, pad } of ICONS) {
    const png = await render(page, readFileSync(resolve(publicDir, svg), 'utf8'), size, pad);
    writeFileSync(resolve(publicDir, 'icon', `${size}.png`), png);
    rendered.set(size, png);
    console.log(`wrote public/icon/${size}.png (${svg}${pad ? `, ${pad}px padding` : ''})`);
  }

  // 1x toolbar strips, then a sheet with them at real size, magnified 4x (pixelated), and every size.
  await page.setViewportSize({ width: 360, height: 68 });
  await page.setContent(toolbarHtml(dataUrl(rendered.get(16)!)));
  const strips = await page.locator('#strips').screenshot();

  const ladder = ICONS.map(
    ({ size }) => `<figure><img src="${dataUrl(rendered.get(size)!)}" width="${size}" height="${size}"><figcaption>${size}</figcaption></figure>`,
  ).join('');
  const ladders = ['#f1f3f4', '#202124']
    .map((bg) => `<div class="ladder" style="background:${bg};color:${bg === '#202124' ? '#e8eaed' : '#202124'}">${ladder}</div>`)
    .join('');
  await page.setViewportSize({ width: 1480, height: 400 });
  await page.setContent(`<!doctype html><html><head><style>
      body { margin: 0; padding: 16px; background: #ffffff; font: 13px system-ui, sans-serif; color: #202124; width: max-content; }
      h2 { font-size: 13px; margin: 12px 0 6px; }
      .big { image-rendering: pixelated; display: block; }
      .ladder { display: flex; align-items: flex-end; gap: 24px; padding: 12px 16px; }
      figure { margin: 0; text-align: center; } figcaption { font-size: 11px; margin-top: 4px; }
    </style></head><body id="sheet">
      <h2>Toolbar, real size (16 px icon; alone, then with the NO / ! / OK badges)</h2>
      <img src="${dataUrl(strips)}" width="360" height="68" style="display:block">
      <h2>Same strips magnified 4x</h2>
      <img class="big" src="${dataUrl(strips)}" width="1440" height="272">
      <h2>All sizes (16 and 32 from icon-small.svg; 48, 96 and 128 from icon.svg)</h2>
      ${ladders}
    </body></html>`);
  mkdirSync(resolve(preview, '..'), { recursive: true });
  writeFileSync(preview, await page.locator('#sheet').screenshot());
  console.log('wrote docs/screenshots/icon-toolbar.png');
} finally {
  await browser.close();
}
