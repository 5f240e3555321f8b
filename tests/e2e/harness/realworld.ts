import { test as base, expect } from '@playwright/test';
import { createHash, X509Certificate } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generate } from 'selfsigned';
import { launchHeed, type HeedBrowser } from './browser';
import { startSiteServer, type SiteServer } from './server';
import { PopupPage, openSiteWithPopup } from './popup-page';

/**
 * Saved real pages served under their real host names (README of ../shared/realworld): the
 * shared folder sits beside the repository checkout, in CI as on the engineers' machines.
 */
export const REALWORLD_SITES = resolve(import.meta.dirname, '../../../../shared/realworld/sites');

/** The host names saved in `root` (one folder each). */
export function servedHosts(root: string): string[] {
  return readdirSync(root)
    .filter((name) => name.includes('.') && statSync(join(root, name)).isDirectory())
    .sort();
}

/**
 * Chromium's resolver: each saved host is this machine, every other name fails to resolve —
 * a page's link to any host not saved (creativecommons.org, a tracker) never leaves the machine.
 */
export function hostResolverRules(hosts: readonly string[]): string {
  return [...hosts.map((h) => `MAP ${h} 127.0.0.1`), 'MAP * ~NOTFOUND'].join(', ');
}

export interface TestCertificate {
  key: string;
  cert: string;
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo, for --ignore-certificate-errors-spki-list. */
  spki: string;
}

/**
 * A self-signed certificate for `hosts`, made at test time (nothing secret is checked in).
 * Chromium is told to trust this one key only (`--ignore-certificate-errors-spki-list`), not
 * to ignore certificate errors altogether.
 */
export async function makeCertificate(hosts: readonly string[]): Promise<TestCertificate> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: hosts[0] ?? 'localhost' }], {
    keyType: 'ec', // P-256: made in milliseconds, where an RSA key takes a while
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 86_400_000),
    notAfterDate: new Date(now + 7 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: hosts.map((value) => ({ type: 2 as const, value })) },
    ],
  });
  const spkiDer = new X509Certificate(pems.cert).publicKey.export({ type: 'spki', format: 'der' });
  return { key: pems.private, cert: pems.cert, spki: createHash('sha256').update(spkiDer).digest('base64') };
}

export interface RealSites {
  server: SiteServer;
  hosts: string[];
  cert: TestCertificate;
  /** `https://<host>:<port><path>` for a saved page. */
  url(host: string, path: string): string;
}

/**
 * `real`: the saved sites over HTTPS on one port; `heed`: Chromium that reaches only them — one
 * for the worker (a test that changes settings puts them back), as a launch costs more than a
 * collect of one of these pages.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no test-scoped fixtures
export const test = base.extend<{}, { real: RealSites; heed: HeedBrowser }>({
  real: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const hosts = servedHosts(REALWORLD_SITES);
      const cert = await makeCertificate(hosts);
      const server = await startSiteServer(REALWORLD_SITES, 0, { tls: cert, generateMissing: false });
      await use({ server, hosts, cert, url: (host, path) => `${server.origin(host)}${path}` });
      await server.close();
    },
    { scope: 'worker' },
  ],
  heed: [
    async ({ real }, use) => {
      const heed = await launchHeed({
        hostResolverRules: hostResolverRules(real.hosts),
        extraArgs: [`--ignore-certificate-errors-spki-list=${real.cert.spki}`],
      });
      await use(heed);
      await heed.context.close();
    },
    { scope: 'worker' },
  ],
});
export { expect, PopupPage, openSiteWithPopup };
