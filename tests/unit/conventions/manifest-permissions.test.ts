import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../wxt.config';

const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * The permissions README.md justifies for `browser`: the first column of its "Permissions" table
 * (a row saying "(Chromium only)" is not Firefox's).
 */
function justified(browser: string): string[] {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Permissions'));
  if (!section) throw new Error('README.md has no "Permissions" section');
  const names: string[] = [];
  for (const line of section.split('\n')) {
    const cell = /^\| ([^|]+) \|/.exec(line)?.[1];
    if (browser === 'firefox' && cell?.includes('(Chromium only)')) continue;
    for (const m of cell?.matchAll(/`([^`]+)`/g) ?? []) names.push(m[1]!);
  }
  return names;
}

type Permissions = { permissions?: string[]; host_permissions?: string[] };
type ManifestFor = (env: { browser: string; manifestVersion: 3; mode: string; command: 'build' }) => Permissions;

describe.each(['chrome', 'firefox'])('manifest permissions (%s)', (browser) => {
  const manifest = (config.manifest as unknown as ManifestFor)({ browser, manifestVersion: 3, mode: 'production', command: 'build' });
  const declared = [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])];

  it('each one the manifest asks for is justified in README.md, and README.md lists no other', () => {
    expect(declared.length).toBeGreaterThan(0);
    expect([...declared].sort()).toEqual([...justified(browser)].sort());
  });

  it('none of the powerful ones Heed does not need', () => {
    for (const p of ['cookies', 'history', 'downloads', 'webRequestBlocking', 'declarativeNetRequest', 'debugger', 'nativeMessaging', 'clipboardRead', 'management', 'activeTab']) {
      expect(declared).not.toContain(p);
    }
  });
});

describe('Firefox manifest settings (README, "Firefox")', () => {
  type Gecko = { browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[] } } } };
  const manifestOf = (browser: string) => (config.manifest as unknown as (env: object) => Gecko)({ browser, manifestVersion: 3, mode: 'production', command: 'build' });

  it('Firefox gets an add-on id, a minimum version, and declares that Heed collects nothing', () => {
    const gecko = manifestOf('firefox').browser_specific_settings?.gecko;
    expect(gecko?.id).toMatch(/^[^@\s]+@[^@\s]+$/);
    expect(gecko?.strict_min_version).toMatch(/^\d+\.\d+$/);
    expect(gecko?.data_collection_permissions).toEqual({ required: ['none'] });
  });

  it('Chromium gets no Gecko settings', () => {
    expect(manifestOf('chrome').browser_specific_settings).toBeUndefined();
  });

  it('README states the minimum Firefox version the manifest asks for', () => {
    const min = manifestOf('firefox').browser_specific_settings!.gecko!.strict_min_version!;
    expect(readFileSync(resolve(ROOT, 'README.md'), 'utf8')).toContain(`\`strict_min_version\` ${min}`);
  });
});
