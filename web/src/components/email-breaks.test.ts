import { describe, expect, it } from 'vitest';
import { emailBreakParts } from './email-breaks';

describe('emailBreakParts', () => {
  it('cuts before the @ and before each dot of the domain, and nowhere else', () => {
    expect(emailBreakParts('admin@demo.renkei.jp')).toEqual(['admin', '@demo', '.renkei', '.jp']);
    expect(emailBreakParts('first.last@example.jp')).toEqual(['first.last', '@example', '.jp']);
    expect(emailBreakParts('admin@demo.renkei.jp').join('')).toBe('admin@demo.renkei.jp');
  });

  it('leaves a text that is not an address whole', () => {
    expect(emailBreakParts('no-address')).toEqual(['no-address']);
    expect(emailBreakParts('@only-domain')).toEqual(['@only-domain']);
  });
});
