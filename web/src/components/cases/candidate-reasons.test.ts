import { describe, expect, it } from 'vitest';
import type { Candidate, CandidateReason } from '../../api/case-types';
import { candidatePlace, formatCandidateKm, placeStarts, reasonTone, travelBurdenFactor } from './candidate-reasons';

function candidate(
  id: string,
  options: { isStale?: boolean; noAvailability?: boolean; reasons?: CandidateReason[] } = {},
): Candidate {
  return {
    organization: { id, name: id, kind: 'clinic', address: '', phone: null, lat: 34.66, lng: 133.92 },
    score: 0.6,
    distanceKm: 2,
    availability: options.noAvailability
      ? null
      : { status: 'accepting', freeSlots: 3, ageDays: options.isStale ? 40 : 1, isStale: options.isStale ?? false },
    currentLoad: 0,
    reasons: [{ code: 'distance', message: '距離 2.0 km', params: { km: 2 } }, ...(options.reasons ?? [])],
  };
}

describe('formatCandidateKm', () => {
  it('says one decimal under 10 km and whole kilometres from 10 km', () => {
    expect(formatCandidateKm(8.24)).toBe('8.2');
    expect(formatCandidateKm(0.2)).toBe('0.2');
    expect(formatCandidateKm(9.94)).toBe('9.9');
    expect(formatCandidateKm(9.96)).toBe('10');
    expect(formatCandidateKm(10)).toBe('10');
    expect(formatCandidateKm(12.4)).toBe('12');
    expect(formatCandidateKm(15.5)).toBe('16');
  });

  it('says a distance under 0.1 km as 0.1', () => {
    expect(formatCandidateKm(0)).toBe('0.1');
    expect(formatCandidateKm(0.04)).toBe('0.1');
  });
});

describe('reasonTone', () => {
  it('does not colour the travel burden (the same for every candidate) as a warning', () => {
    expect(reasonTone('travel_burden')).toBe('neutral');
    expect(reasonTone('availability_stale')).toBe('warning');
    expect(reasonTone('no_24h')).toBe('warning');
    expect(reasonTone('availability')).toBe('ok');
    expect(reasonTone('procedure:ventilator')).toBe('neutral');
  });
});

describe('candidatePlace and placeStarts', () => {
  it('tells fresh, 要確認, beyond reach and declined-before candidates apart', () => {
    expect(candidatePlace(candidate('a'))).toBe('fresh');
    expect(candidatePlace(candidate('b', { isStale: true }))).toBe('needs_checking');
    expect(candidatePlace(candidate('c', { noAvailability: true }))).toBe('needs_checking');
    expect(
      candidatePlace(candidate('d', { reasons: [{ code: 'beyond_usual_reach', message: '', params: { km: 16 } }] })),
    ).toBe('beyond_reach');
    expect(
      candidatePlace(
        candidate('e', {
          reasons: [{ code: 'answered_before', message: '', params: { variant: 'plain', declineReason: 'capacity' } }],
        }),
      ),
    ).toBe('declined_before');
    // One that let the deadline pass keeps its place.
    expect(
      candidatePlace(
        candidate('f', { reasons: [{ code: 'answered_before', message: '', params: { variant: 'expired' } }] }),
      ),
    ).toBe('fresh');
    expect(
      candidatePlace(candidate('g', { isStale: true, reasons: [{ code: 'pair_default', message: '', params: {} }] })),
    ).toBe('pair_default');
  });

  it('marks where the 要確認 part begins, after the fresh ones', () => {
    const list = [
      candidate('a'),
      candidate('b'),
      candidate('c', { isStale: true }),
      candidate('d', { isStale: true }),
      candidate('e', { reasons: [{ code: 'answered_before', message: '', params: { variant: 'plain' } }] }),
    ];
    expect(placeStarts(list)).toEqual([null, null, 'needs_checking', null, 'declined_before']);
  });

  it('says nothing above the first candidate', () => {
    expect(placeStarts([candidate('a', { isStale: true }), candidate('b', { isStale: true })])).toEqual([null, null]);
  });
});

describe('travelBurdenFactor', () => {
  it('is the factor of the patient area, or null when travel is not harder there', () => {
    expect(travelBurdenFactor([candidate('a')])).toBeNull();
    expect(
      travelBurdenFactor([
        candidate('a', { reasons: [{ code: 'travel_burden', message: '移動負担 ×1.15', params: { factor: 1.15 } }] }),
      ]),
    ).toBe(1.15);
  });
});
