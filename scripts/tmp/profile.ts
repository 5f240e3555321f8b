import { generatePage, serve } from '../bench-scan';
import { launchPlainChromium, scanBundle } from '../../tests/e2e/harness/scan-bundle';
const browser = await launchPlainChromium();
const page = await browser.newPage();
await serve(page, generatePage(20000, (process.argv[2] as 'dense') ?? 'typical'));
await page.addScriptTag({ content: await scanBundle() });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await page.evaluate(`HeedScan.scanDocumentWithStats(document, location.href)`);
await cdp.send('Profiler.start');
await page.evaluate(`(() => { for (let i = 0; i < 30; i++) HeedScan.scanDocumentWithStats(document, location.href); })()`);
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const dt = new Map<number, number>();
const ids = profile.samples ?? [];
const deltas = profile.timeDeltas ?? [];
for (let i = 0; i < ids.length; i++) dt.set(ids[i]!, (dt.get(ids[i]!) ?? 0) + (deltas[i] ?? 0));
let total = 0;
for (const n of profile.nodes) {
  const t = dt.get(n.id) ?? 0;
  const k = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
  self.set(k, (self.get(k) ?? 0) + t);
  total += t;
}
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, 40);
for (const [k, v] of rows) console.log((v / 1000 / 30).toFixed(2).padStart(7), 'ms/scan', k);
console.log('total', (total / 1000 / 30).toFixed(2));
await browser.close();
