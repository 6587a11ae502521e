import { describe, expect, it } from 'vitest';
import { linkedParts } from './linked-text';

describe('linkedParts', () => {
  it('cuts out http and https addresses, leaving the sentence around them', () => {
    expect(linkedParts('資料です: https://example.jp/a?b=1。ご確認ください')).toEqual([
      { kind: 'text', text: '資料です: ' },
      { kind: 'url', text: 'https://example.jp/a?b=1' },
      { kind: 'text', text: '。ご確認ください' },
    ]);
    expect(linkedParts('(see http://x.example/path).')).toEqual([
      { kind: 'text', text: '(see ' },
      { kind: 'url', text: 'http://x.example/path' },
      { kind: 'text', text: ').' },
    ]);
  });

  it('leaves other schemes and a bare scheme as text', () => {
    expect(linkedParts('javascript:alert(1) data:text/html,x https://')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) data:text/html,x https://' },
    ]);
    expect(linkedParts('')).toEqual([]);
  });
});
