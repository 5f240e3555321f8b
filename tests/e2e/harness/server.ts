import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { makePng, xmpChunk } from './png';

/**
 * One local HTTP server for many fake sites, chosen by Host header (`alpha.test` →
 * `<root>/alpha.test/`). Chromium maps `*.test` to 127.0.0.1 with --host-resolver-rules.
 *
 * Per-site behaviour lives in `<root>/<host>/_site.json`:
 *   { "headers": { "<path prefix>": { "Header": "value" | ["line 1", "line 2"] } },
 *     "status":  { "<exact path>": 503 },
 *     "redirects": { "<exact path>": "<location>" },
 *     "delayMs": { "<path prefix>": 200 },
 *     "xmp": { "<exact .png path>": "<xmp packet>" },
 *     "flaky": { "<exact path>": { "status": 429, "times": 1, "headers": { "Retry-After": "1" } } },
 *     "gzip": ["<exact path>"],
 *     "revalidate": { "<exact path>": { "etag": "\"v1\"", "headers": { "Cache-Control": "no-cache" } } } }
 * Text files may name other fake hosts with `{{PORT}}` for the server's port.
 * A missing `*.png` is generated (solid colour from the path, `?w=&h=` for size), so fixture
 * pages can reference as many distinct images as they need without binary files in git.
 *
 * Saved real pages (`../shared/realworld/sites`) describe their hosts in `<host>/_headers.json`
 * instead: `{ "<path or path/*>": { "headers": { "Header": "value" }, "text": true } }` —
 * the response headers for that path (a trailing `*` matches the rest), and `text`: fill in
 * `{{PORT}}` in that file. Those are served with `tls` (HTTPS, as the real sites are) and
 * `generateMissing: false` (a file not saved is a 404, as for any unknown URL).
 */
interface SiteConfig {
  /** A list sends the header on several lines. */
  headers?: Record<string, Record<string, string | string[]>>;
  status?: Record<string, number>;
  redirects?: Record<string, string>;
  delayMs?: Record<string, number>;
  xmp?: Record<string, string>;
  /** The first `times` requests of a path fail with `status` (and `headers`), later ones succeed. */
  flaky?: Record<string, { status: number; times: number; headers?: Record<string, string> }>;
  /** Exact paths whose file is text with `{{PORT}}` to fill in, whatever its type. */
  text?: string[];
  /** Exact paths sent gzip-compressed with `Content-Encoding: gzip` (as servers compress on the fly). */
  gzip?: string[];
  /**
   * Exact paths served with this ETag (and `Cache-Control: no-cache`): a request whose
   * If-None-Match names it is answered 304 with the ETag and `headers` only, none of the path's
   * other headers (as Apache sends a 304 without the headers `Header set` adds to a 200).
   */
  revalidate?: Record<string, { etag: string; headers?: Record<string, string> }>;
}

/** One entry of a saved site's `_headers.json`. */
interface SavedHeaders {
  headers?: Record<string, string>;
  text?: boolean;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

export interface LoggedRequest {
  host: string;
  /** Path and query, as in `requests`. */
  path: string;
  /** The Cookie header, '' when none was sent. */
  cookie: string;
  /** Sec-Fetch-Site / Sec-Fetch-Dest ('' when absent): e.g. `same-origin`/`image` for a page's <img>. */
  fetchSite: string;
  fetchDest: string;
}

export interface SiteServer {
  port: number;
  /** `http://<host>:<port>` for a fake host (`https://` when serving TLS). */
  origin(host: string): string;
  /** Requests served so far, as `host path` lines (for assertions on politeness and privacy). */
  requests: string[];
  /** The same requests with what tells who sent them and with which credentials (privacy checks). */
  log: LoggedRequest[];
  /** Requests answered 304 Not Modified (a `revalidate` path), as `host path` lines. */
  notModified: string[];
  /** The most requests a host had in flight at once since the last reset (politeness: per-origin concurrency). */
  maxInFlight(host: string): number;
  resetMaxInFlight(): void;
  close(): Promise<void>;
}

function loadConfig(dir: string): SiteConfig {
  const file = join(dir, '_site.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SiteConfig;
  const saved = join(dir, '_headers.json');
  if (!existsSync(saved)) return {};
  // `_headers.json` of a saved real site, as SiteConfig: `/avatar/*` is the prefix `/avatar/`;
  // an exact path is a prefix too (no saved path is a prefix of another one's).
  const config: Required<Pick<SiteConfig, 'headers' | 'text'>> = { headers: {}, text: [] };
  for (const [path, entry] of Object.entries(JSON.parse(readFileSync(saved, 'utf8')) as Record<string, SavedHeaders>)) {
    const prefix = path.endsWith('*') ? path.slice(0, -1) : path;
    config.headers[prefix] = entry.headers ?? {};
    if (entry.text) config.text.push(path);
  }
  return config;
}

function byPrefix<T>(map: Record<string, T> | undefined, path: string): T[] {
  return Object.entries(map ?? {})
    .filter(([prefix]) => path.startsWith(prefix))
    .sort(([a], [b]) => a.length - b.length)
    .map(([, v]) => v);
}

export interface SiteServerOptions {
  /** Serve HTTPS with this key and certificate (PEM) instead of HTTP. */
  tls?: { key: string; cert: string };
  /** Generate a missing `*.png` (the fixture sites) — off for saved real sites. */
  generateMissing?: boolean;
}

/** Start the multi-host fixture server on `port` (0 = any free port). */
export async function startSiteServer(root: string, port = 0, options: SiteServerOptions = {}): Promise<SiteServer> {
  const generateMissing = options.generateMissing ?? true;
  const scheme = options.tls ? 'https' : 'http';
  const requests: string[] = [];
  const log: LoggedRequest[] = [];
  const notModified: string[] = [];
  const flakyCounts = new Map<string, number>();
  const generated = new Map<string, Buffer>();
  let actualPort = port;
  const inFlight = new Map<string, number>();
  const peakInFlight = new Map<string, number>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').split(':')[0]!.toLowerCase();
    const now = (inFlight.get(host) ?? 0) + 1;
    inFlight.set(host, now);
    peakInFlight.set(host, Math.max(now, peakInFlight.get(host) ?? 0));
    res.once('close', () => inFlight.set(host, (inFlight.get(host) ?? 1) - 1));
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    requests.push(`${host} ${url.pathname}${url.search}`);
    const header = (name: string) => String(req.headers[name] ?? '');
    log.push({ host, path: `${url.pathname}${url.search}`, cookie: header('cookie'), fetchSite: header('sec-fetch-site'), fetchDest: header('sec-fetch-dest') });
    const siteDir = join(root, host);
    if (!host || !existsSync(siteDir)) {
      res.writeHead(404).end('unknown host');
      return;
    }
    const config = loadConfig(siteDir);
    for (const delay of byPrefix(config.delayMs, path)) await new Promise((r) => setTimeout(r, delay));
    const headers: Record<string, string | string[]> = Object.assign({}, ...byPrefix(config.headers, path));
    const revalidate = config.revalidate?.[path];
    if (revalidate) {
      if (header('if-none-match') === revalidate.etag) {
        notModified.push(`${host} ${path}`);
        res.writeHead(304, { ETag: revalidate.etag, ...revalidate.headers }).end();
        return;
      }
      Object.assign(headers, { ETag: revalidate.etag, 'Cache-Control': 'no-cache' });
    }
    const flaky = config.flaky?.[path];
    if (flaky) {
      const key = `${host}${path}`;
      const seen = (flakyCounts.get(key) ?? 0) + 1;
      flakyCounts.set(key, seen);
      if (seen <= flaky.times) {
        res.writeHead(flaky.status, { ...headers, ...flaky.headers }).end(`status ${flaky.status}`);
        return;
      }
    }
    const status = config.status?.[path];
    if (status) {
      res.writeHead(status, headers).end(`status ${status}`);
      return;
    }
    const location = config.redirects?.[path];
    if (location) {
      // A redirect to another fake host names it as http://b.test:{{PORT}}/…, like the text fixtures.
      res.writeHead(302, { ...headers, Location: location.replaceAll('{{PORT}}', String(actualPort)) }).end();
      return;
    }
    let file = normalize(join(siteDir, path));
    if (!file.startsWith(siteDir) || path.includes('_site.json') || path.includes('_headers.json')) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (existsSync(file) && statSync(file).isFile()) {
      const body = readFileSync(file);
      // Text fixtures name other fake hosts as http://cdn.test:{{PORT}}/…; fill in the real port.
      const text = /^(text\/|application\/(json|xml))/.test(type) || (config.text ?? []).includes(path);
      const sent = text ? Buffer.from(body.toString('utf8').replaceAll('{{PORT}}', String(actualPort)), 'utf8') : body;
      if ((config.gzip ?? []).includes(path)) res.writeHead(200, { 'Content-Type': type, 'Content-Encoding': 'gzip', ...headers }).end(gzipSync(sent));
      else res.writeHead(200, { 'Content-Type': type, ...headers }).end(sent);
    } else if (generateMissing && extname(path) === '.png') {
      const w = Number(url.searchParams.get('w') ?? 320);
      const h = Number(url.searchParams.get('h') ?? 240);
      const xmp = config.xmp?.[path];
      const key = `${host}${path} ${w}x${h} ${xmp ?? ''}`;
      let png = generated.get(key);
      if (!png) {
        png = makePng(Math.min(w, 4000), Math.min(h, 4000), `${host}${path}`, xmp ? [xmpChunk(xmp)] : []);
        // Generated once per path and size: a page of hundreds of images must not load the server.
        if (generated.size < 5000) generated.set(key, png);
      }
      res.writeHead(200, { 'Content-Type': 'image/png', ...headers }).end(png);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...headers }).end('not found');
    }
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => res.writeHead(500).end(String(err)));
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    port: actualPort,
    origin: (host) => `${scheme}://${host}:${actualPort}`,
    requests,
    log,
    notModified,
    maxInFlight: (host) => peakInFlight.get(host) ?? 0,
    resetMaxInFlight: () => peakInFlight.clear(),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
