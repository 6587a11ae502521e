/**
 * The sentence under a proposal's figures about the largest load. The optimiser's promise ("nobody
 * ends above T") holds for its own assignment; after the Center changes some, the largest load may
 * be above T, and the sentence must then say so rather than repeat a promise no longer kept.
 * `count` is the number of patients the sentence names, so that English says "1 home patient".
 */
export type LoadNote = {
  key: 'proposal.nothingServable' | 'proposal.bottleneckNote' | 'proposal.bottleneckExceeded';
  params: Record<string, number>;
};

export function loadNote(metrics: { bottleneck: number | null; maxLoad: number }): LoadNote {
  if (metrics.bottleneck === null) return { key: 'proposal.nothingServable', params: {} };
  if (metrics.maxLoad > metrics.bottleneck)
    return {
      key: 'proposal.bottleneckExceeded',
      params: { bottleneck: metrics.bottleneck, maxLoad: metrics.maxLoad, count: metrics.maxLoad },
    };
  return { key: 'proposal.bottleneckNote', params: { bottleneck: metrics.bottleneck, count: metrics.bottleneck } };
}
