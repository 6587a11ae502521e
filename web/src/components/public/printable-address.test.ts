import { describe, expect, it } from 'vitest';
import { isLocalHost, printableAddress } from './printable-address';

describe('printableAddress', () => {
  it('prints the full address of a site on the internet', () => {
    expect(printableAddress('https://renkei.example.jp', '/public/search')).toEqual({
      kind: 'url',
      url: 'https://renkei.example.jp/public/search',
    });
  });

  it('prints only the path for the demo on this machine or a private network', () => {
    for (const origin of [
      'http://127.0.0.1:3000',
      'http://localhost:5173',
      'http://[::1]:3000',
      'http://192.168.1.20',
      'http://10.0.0.5:8080',
      'http://172.20.1.1',
      'http://renkei-server',
      'http://renkei.local',
    ]) {
      expect(printableAddress(origin, '/public/guide/acp'), origin).toEqual({
        kind: 'path',
        path: '/public/guide/acp',
      });
    }
  });

  it('prints only the path when the origin is not an address at all', () => {
    expect(printableAddress('', '/public/search')).toEqual({ kind: 'path', path: '/public/search' });
  });
});

describe('isLocalHost', () => {
  it('keeps public addresses and names', () => {
    expect(isLocalHost('172.32.0.1')).toBe(false);
    expect(isLocalHost('8.8.8.8')).toBe(false);
    expect(isLocalHost('www.city.okayama.jp')).toBe(false);
    expect(isLocalHost('2001:db8::1')).toBe(false);
  });
});
