import { generatePage, serve } from '../bench-scan';
import { launchPlainChromium } from '../../tests/e2e/harness/scan-bundle';
const T = `() => {
  const bump = () => { const d = document.createElement('div'); document.body.append(d); d.remove(); };
  const time = (name, f, cold, runs = 21) => { f(); const ts = []; let r; for (let i = 0; i < runs; i++) { if (cold) bump(); const t = performance.now(); r = f(); ts.push(performance.now() - t); } ts.sort((a,b)=>a-b); return name + (cold ? ' COLD' : '') + ': ' + ts[Math.floor(runs/2)].toFixed(2) + ' ms (min ' + ts[0].toFixed(2) + ') ' + (r ?? ''); };
  const out = [];
  const sels = Array.from({length: 160}, (_, k) => k < 60 ? 'bg-' + k : 'unused-' + k);
  const lazy = ['data-src','data-original','data-srcset','data-full','data-zoom-image','data-bg','data-bg-src','data-background','data-background-image'];
  for (const cold of [false, true]) {
    out.push(time('naive', () => { let n = 0; for (const el of document.querySelectorAll('*')) { const bg = getComputedStyle(el).backgroundImage; if (bg !== 'none') n++; } return n; }, cold));
    out.push(time('treewalker shadowRoot', () => { const w = document.createTreeWalker(document, 1); let n = 0; let el; while ((el = w.nextNode())) if (el.shadowRoot) n++; return n; }, cold));
    out.push(time('gebcn 160 each', () => { let n = 0; for (const s of sels) n += document.getElementsByClassName(s).length; return n; }, cold));
    out.push(time('gebcn 160 each iterate', () => { let n = 0; for (const s of sels) { const c = document.getElementsByClassName(s); for (let i = 0; i < c.length; i++) n += c[i] ? 1 : 0; } return n; }, cold));
    out.push(time('lazy 9 each', () => { let n = 0; for (const s of lazy) n += document.querySelectorAll('[' + s + ']').length; return n; }, cold));
    out.push(time('lazy 9 list', () => document.querySelectorAll(lazy.map((s) => '[' + s + ']').join(',')).length, cold));
    out.push(time('lazy 9 :is', () => document.querySelectorAll(':is(' + lazy.map((s) => '[' + s + ']').join(',') + ')').length, cold));
    out.push(time('lazy [data-src] alone', () => document.querySelectorAll('[data-src]').length, cold));
    out.push(time('gebtn h1..6', () => { let n = 0; for (const t of ['h1','h2','h3','h4','h5','h6']) n += document.getElementsByTagName(t).length; return n; }, cold));
    out.push(time('qsa h1..6 each', () => { let n = 0; for (const t of ['h1','h2','h3','h4','h5','h6']) n += document.querySelectorAll(t).length; return n; }, cold));
    out.push(time('qsa [role=heading]', () => document.querySelectorAll('[role="heading"]').length, cold));
    out.push(time('qsa [style]', () => document.querySelectorAll('[style]').length, cold));
    const imgs = Array.from(document.images);
    out.push(time('img gBCR', () => { let s = 0; for (const i of imgs) s += i.getBoundingClientRect().width; return s; }, cold));
    out.push(time('img width/height', () => { let s = 0; for (const i of imgs) s += i.width + i.height; return s; }, cold));
    out.push(time('img offsetW/H', () => { let s = 0; for (const i of imgs) s += i.offsetWidth + i.offsetHeight; return s; }, cold));
    out.push(time('img clientW/H', () => { let s = 0; for (const i of imgs) s += i.clientWidth + i.clientHeight; return s; }, cold));
  }
  return out.join('\\n');
}`;
const browser = await launchPlainChromium();
const page = await browser.newPage();
await serve(page, generatePage(20000, process.argv[2] === 'dense' ? 'dense' : 'typical'));
console.log(await page.evaluate(`(${T})()`));
await browser.close();
