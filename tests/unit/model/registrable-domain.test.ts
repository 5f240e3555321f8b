import { describe, expect, it } from 'vitest';
import { hostMatchesDomain, registrableDomain, sameRegistrableDomain } from '../../../utils/model/registrable-domain';

describe('registrableDomain', () => {
  it.each([
    ['https://www.example.com/a.jpg', 'example.com'],
    ['https://images.bbc.co.uk/x', 'bbc.co.uk'],
    ['https://i.pinimg.com/736x/a.jpg', 'pinimg.com'],
    ['http://cdn.alpha.test:8080/a.png', 'alpha.test'],
    ['http://alpha.test/', 'alpha.test'],
    ['http://127.0.0.1:3000/x', '127.0.0.1'],
    ['http://localhost/x', 'localhost'],
    ['https://user.github.io/p', 'user.github.io'],
  ])('%s → %s', (url, expected) => {
    expect(registrableDomain(url)).toBe(expected);
  });

  it('compares registrable domains', () => {
    expect(sameRegistrableDomain('http://alpha.test/p', 'http://img.alpha.test/i.jpg')).toBe(true);
    expect(sameRegistrableDomain('http://alpha.test/p', 'http://cdn.test/i.jpg')).toBe(false);
  });

  it.each([
    ['i.pinimg.com', 'pinimg.com', true],
    ['pinimg.com', 'pinimg.com', true],
    ['notpinimg.com', 'pinimg.com', false],
    ['PINIMG.COM.', 'pinimg.com', true],
    // The URL parser keeps every trailing dot of a host (`https://i.pinimg.com../`); only one was
    // dropped, and the registry and the user's block list did not match such a host.
    ['i.pinimg.com..', 'pinimg.com', true],
    ['pinimg.com...', 'pinimg.com', true],
    ['i.pinimg.com', 'pinimg.com..', true],
    ['notpinimg.com..', 'pinimg.com', false],
    ['pinimg.com..evil.test', 'pinimg.com', false],
  ])('hostMatchesDomain(%s, %s) = %s', (host, domain, expected) => {
    expect(hostMatchesDomain(host, domain)).toBe(expected);
  });
});
