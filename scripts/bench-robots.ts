/**
 * Benchmark: Heed's robots.txt parser + matcher against the npm package `robots-parser`, on
 * the same generated inputs in the same run, plus how many conformance vectors each passes.
 * Run: npx tsx scripts/bench-robots.ts (or import { main } from scripts/bench.ts).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import robotsParser from 'robots-parser';
import { isAllowed, parseRobotsTxt } from '../utils/signals/robots-txt';

interface Row {
  name: string;
  heed: number;
  robotsParser: number;
  ratio: number;
}

export interface RobotsBenchResult {
  rows: Row[];
  robotsBytes: number;
  urls: number;
  agreement: number;
  conformance: { heed: Conformance; robotsParser: Conformance };
}

interface Conformance {
  rfc: number;
  rfcTotal: number;
  googleOnly: number;
  googleOnlyTotal: number;
}

const ORIGIN = 'https://www.example.com';

// Deterministic PRNG (mulberry32) so every run benchmarks the same file and URLs.
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['photos', 'gallery', 'search', 'cart', 'account', 'api', 'products', 'reviews', 'tag', 'user', 'img', 'static', 'news', 'archive', 'private', 'print', 'share', 'login'];
const BOTS = ['GPTBot', 'CCBot', 'Google-Extended', 'ClaudeBot', 'anthropic-ai', 'Bytespider', 'PerplexityBot', 'Amazonbot', 'Applebot-Extended', 'Meta-ExternalAgent', 'FacebookBot', 'cohere-ai', 'Diffbot', 'omgili', 'Timpibot', 'img2dataset', 'ImagesiftBot', 'AI2Bot'];

/** A large, realistic robots.txt: a big `*` group, search-engine groups, AI block lists. */
export function makeRobotsTxt(seed = 1): string {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const rule = (): string => {
    const a = pick(WORDS);
    const b = pick(WORDS);
    switch (Math.floor(r() * 7)) {
      case 0: return `/${a}/`;
      case 1: return `/${a}/*/${b}`;
      case 2: return `/*?${a}=`;
      case 3: return `/*.${pick(['pdf', 'php', 'json', 'xml'])}$`;
      case 4: return `/${a}/${b}/*.jpg$`;
      case 5: return `/${a}*${b}`;
      default: return `/${a}/${b}-${Math.floor(r() * 1000)}`;
    }
  };
  const lines: string[] = ['# robots.txt for www.example.com', `Sitemap: ${ORIGIN}/sitemap.xml`, '', 'User-agent: *'];
  for (let i = 0; i < 400; i++) lines.push(`${r() < 0.8 ? 'Disallow' : 'Allow'}: ${rule()}`);
  for (const engine of ['Googlebot', 'Bingbot', 'Slurp', 'DuckDuckBot', 'Baiduspider', 'YandexBot']) {
    lines.push('', `User-agent: ${engine}`);
    for (let i = 0; i < 120; i++) lines.push(`${r() < 0.7 ? 'Disallow' : 'Allow'}: ${rule()}`);
  }
  lines.push('', '# AI crawlers');
  for (const bot of BOTS) lines.push(`User-agent: ${bot}`);
  lines.push('Disallow: /');
  for (let g = 0; g < 80; g++) {
    lines.push('', `User-agent: Crawler${String.fromCharCode(65 + (g % 26))}bot-${g}`, `User-agent: Other-${g}`);
    for (let i = 0; i < 8; i++) lines.push(`Disallow: ${rule()}`);
  }
  return lines.join('\n') + '\n';
}

/** URLs on the robots.txt's origin: most hit some rule, some match none. */
export function makeUrls(count: number, seed = 2): string[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const depth = 1 + Math.floor(r() * 4);
    const segs = Array.from({ length: depth }, () => (r() < 0.7 ? pick(WORDS) : `${pick(WORDS)}-${Math.floor(r() * 1000)}`));
    const ext = pick(['', '.jpg', '.png', '.html', '.pdf', '/']);
    const query = r() < 0.3 ? `?${pick(WORDS)}=${Math.floor(r() * 100)}` : '';
    out.push(`${ORIGIN}/${segs.join('/')}${ext}${query}`);
  }
  return out;
}

// Run fn repeatedly for about `ms` milliseconds; returns operations per CPU-second. CPU time,
// not wall time: on a shared machine the process is not always scheduled.
function opsPerSecond(fn: () => number, ms: number): number {
  let sink = 0;
  let ops = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - start < ms) {
    sink += fn();
    ops++;
  }
  const used = process.cpuUsage(cpu);
  if (sink === -1) console.log(sink); // keep the work observable
  return (ops * 1e6) / Math.max(1, used.user + used.system);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Both sides in alternating rounds, median of each: a busy machine slows both alike.
function compare(heed: () => number, other: () => number, rounds = 7, ms = 120): [number, number] {
  opsPerSecond(heed, ms);
  opsPerSecond(other, ms); // warm-up
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(opsPerSecond(heed, ms));
    b.push(opsPerSecond(other, ms));
  }
  return [median(a), median(b)];
}

function robotsUrlFor(url: string): string {
  try {
    return new URL('/robots.txt', url).href;
  } catch {
    return 'http://foo.bar/robots.txt';
  }
}

/** Conformance of both implementations on /work/shared/conformance/robots-google.json. */
export function conformance(): { heed: Conformance; robotsParser: Conformance } {
  const file = new URL('../../shared/conformance/robots-google.json', import.meta.url);
  const data = JSON.parse(readFileSync(file, 'utf8')) as { cases: { googleOnly: boolean; robots: string; userAgent: string; url: string; allowed: boolean }[] };
  const empty = (): Conformance => ({ rfc: 0, rfcTotal: 0, googleOnly: 0, googleOnlyTotal: 0 });
  const heed = empty();
  const rp = empty();
  const count = (c: Conformance, googleOnly: boolean, ok: boolean) => {
    if (googleOnly) {
      c.googleOnlyTotal++;
      if (ok) c.googleOnly++;
    } else {
      c.rfcTotal++;
      if (ok) c.rfc++;
    }
  };
  for (const c of data.cases) {
    count(heed, c.googleOnly, isAllowed(parseRobotsTxt(c.robots), c.userAgent, c.url) === c.allowed);
    let got: boolean | undefined;
    try {
      got = robotsParser(robotsUrlFor(c.url), c.robots).isAllowed(c.url, c.userAgent);
    } catch {
      got = undefined;
    }
    count(rp, c.googleOnly, got === c.allowed);
  }
  return { heed, robotsParser: rp };
}

/** Run the benchmark and print a table; returns the figures for scripts/bench.ts. */
export function main(): RobotsBenchResult {
  const body = makeRobotsTxt();
  const urls = makeUrls(2000);
  const agents = ['GPTBot', 'Googlebot', 'heed', 'CrawlerCbot-2'];
  const heedRobots = parseRobotsTxt(body);
  const rpRobots = robotsParser(`${ORIGIN}/robots.txt`, body);

  let agree = 0;
  for (const a of agents) for (const u of urls) if (isAllowed(heedRobots, a, u) === rpRobots.isAllowed(u, a)) agree++;

  const matchAll = (check: (u: string, a: string) => boolean | undefined) => () => {
    let n = 0;
    for (const a of agents) for (const u of urls) if (check(u, a)) n++;
    return n;
  };
  // Let the JIT settle before the first measured round (the first few hundred ms are slow).
  opsPerSecond(() => parseRobotsTxt(body).sitemaps.length, 400);
  opsPerSecond(() => robotsParser(`${ORIGIN}/robots.txt`, body).getSitemaps().length, 400);
  const rows: Row[] = [];
  const row = (name: string, [heed, rp]: [number, number], scale = 1) => rows.push({ name, heed: heed * scale, robotsParser: rp * scale, ratio: heed / rp });
  row('parse (ops/s)', compare(() => parseRobotsTxt(body).sitemaps.length, () => robotsParser(`${ORIGIN}/robots.txt`, body).getSitemaps().length));
  const checks = agents.length * urls.length;
  row('match (URL checks/s)', compare(matchAll((u, a) => isAllowed(heedRobots, a, u)), matchAll((u, a) => rpRobots.isAllowed(u, a))), checks);
  const parseAndMatch = (parse: () => (u: string, a: string) => boolean | undefined) => () => {
    const check = parse();
    let n = 0;
    for (const u of urls.slice(0, 200)) if (check(u, 'GPTBot')) n++;
    return n;
  };
  row('parse + 200 checks (ops/s)', compare(
    parseAndMatch(() => { const r = parseRobotsTxt(body); return (u, a) => isAllowed(r, a, u); }),
    parseAndMatch(() => { const r = robotsParser(`${ORIGIN}/robots.txt`, body); return (u, a) => r.isAllowed(u, a); }),
  ));
  const conf = conformance();
  const result: RobotsBenchResult = { rows, robotsBytes: body.length, urls: urls.length, agreement: agree / checks, conformance: conf };

  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`robots.txt bench: ${(body.length / 1024).toFixed(1)} KiB, ${heedRobots.agents.size} named tokens, ${urls.length} URLs x ${agents.length} agents`);
  console.log(`${'case (per CPU-second)'.padEnd(28)} ${'heed'.padStart(14)} ${'robots-parser'.padStart(14)}  heed/robots-parser`);
  for (const r of rows) console.log(`${r.name.padEnd(28)} ${fmt(r.heed).padStart(14)} ${fmt(r.robotsParser).padStart(14)}  ${r.ratio.toFixed(1)}x`);
  console.log(`same answer on ${(result.agreement * 100).toFixed(1)}% of the ${checks} bench checks`);
  for (const [name, c] of Object.entries(conf)) {
    console.log(`conformance ${name.padEnd(13)}: RFC ${c.rfc}/${c.rfcTotal}, googleOnly ${c.googleOnly}/${c.googleOnlyTotal}`);
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
