import { describe, expect, it } from 'vitest';
import { loadNote } from './load-note';

describe('the largest-load sentence of a proposal', () => {
  it('keeps the optimiser’s promise while the largest load is within it', () => {
    expect(loadNote({ bottleneck: 4, maxLoad: 4 })).toEqual({
      key: 'proposal.bottleneckNote',
      params: { bottleneck: 4, count: 4 },
    });
    expect(loadNote({ bottleneck: 4, maxLoad: 2 }).key).toBe('proposal.bottleneckNote');
  });

  it('says the promise no longer holds once a change put someone above it', () => {
    expect(loadNote({ bottleneck: 4, maxLoad: 6 })).toEqual({
      key: 'proposal.bottleneckExceeded',
      params: { bottleneck: 4, maxLoad: 6, count: 6 },
    });
  });

  it('gives the number of patients it names as the count, for the plural in English', () => {
    expect(loadNote({ bottleneck: 1, maxLoad: 1 }).params.count).toBe(1);
    expect(loadNote({ bottleneck: 1, maxLoad: 3 }).params.count).toBe(3);
  });

  it('says nothing can be served when there is no bottleneck', () => {
    expect(loadNote({ bottleneck: null, maxLoad: 0 }).key).toBe('proposal.nothingServable');
  });
});
