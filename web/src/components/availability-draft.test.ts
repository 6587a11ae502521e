import { describe, expect, it } from 'vitest';
import type { Availability } from '../api/types';
import {
  availabilityDraftOf,
  availabilityRequestOf,
  checkAvailability,
  isAvailabilityPending,
  withStatus,
} from './availability-draft';

const saved: Availability = {
  status: 'limited',
  freeSlots: 2,
  note: '医療処置は要相談',
  updatedAt: '2026-11-20T10:00:00+09:00',
  updatedBy: '在宅医 医師（デモ）',
  ageDays: 6,
  isStale: false,
};

describe('the 受入状況 draft', () => {
  it('starts from the saved 受入状況, and from nothing when none was entered', () => {
    expect(availabilityDraftOf(saved)).toEqual({ status: 'limited', freeSlots: '2', note: '医療処置は要相談' });
    expect(availabilityDraftOf({ ...saved, freeSlots: null, note: null })).toEqual({
      status: 'limited',
      freeSlots: '',
      note: '',
    });
    expect(availabilityDraftOf(null)).toEqual({ status: null, freeSlots: '', note: '' });
  });

  it('is pending when a choice, a number or a note differs from what is saved', () => {
    const draft = availabilityDraftOf(saved);
    expect(isAvailabilityPending(draft, saved)).toBe(false);
    expect(isAvailabilityPending({ ...draft, status: 'full' }, saved)).toBe(true);
    expect(isAvailabilityPending({ ...draft, freeSlots: '3' }, saved)).toBe(true);
    expect(isAvailabilityPending({ ...draft, freeSlots: 'abc' }, saved)).toBe(true);
    expect(isAvailabilityPending({ ...draft, note: '土日は不可' }, saved)).toBe(true);
  });

  it('is not pending for what the server would keep the same (spaces around the note, an empty number)', () => {
    expect(isAvailabilityPending({ status: 'limited', freeSlots: ' 2 ', note: ' 医療処置は要相談  ' }, saved)).toBe(
      false,
    );
    const withoutNumber = { ...saved, freeSlots: null, note: null };
    expect(isAvailabilityPending({ status: 'limited', freeSlots: '  ', note: '  ' }, withoutNumber)).toBe(false);
  });

  it('is pending without a saved 受入状況 as soon as anything is entered', () => {
    expect(isAvailabilityPending(availabilityDraftOf(null), null)).toBe(false);
    expect(isAvailabilityPending({ status: 'accepting', freeSlots: '', note: '' }, null)).toBe(true);
    expect(isAvailabilityPending({ status: null, freeSlots: '', note: 'あとで' }, null)).toBe(true);
  });

  it('requires a status, and the condition in the note with 条件付き', () => {
    expect(checkAvailability({ status: null, freeSlots: '', note: '' })).toEqual({
      status: 'availabilityForm.statusRequired',
    });
    expect(checkAvailability({ status: 'limited', freeSlots: '1', note: '   ' })).toEqual({
      note: 'availabilityForm.conditionRequired',
    });
    expect(checkAvailability({ status: 'limited', freeSlots: '', note: '夜間の訪問は不可' })).toEqual({});
    // The other statuses do not need a note.
    expect(checkAvailability({ status: 'accepting', freeSlots: '', note: '' })).toEqual({});
    expect(checkAvailability({ status: 'full', freeSlots: '0', note: '' })).toEqual({});
  });

  it('holds the number to the server’s rules', () => {
    const draft = { status: 'accepting' as const, freeSlots: '', note: '' };
    expect(checkAvailability({ ...draft, freeSlots: '1.5' })).toEqual({
      freeSlots: 'availabilityForm.freeSlotsInvalid',
    });
    expect(checkAvailability({ ...draft, freeSlots: '-1' })).toEqual({
      freeSlots: 'availabilityForm.freeSlotsInvalid',
    });
    expect(checkAvailability({ ...draft, freeSlots: '0' })).toEqual({
      freeSlots: 'availabilityForm.noSlotsWhenAccepting',
    });
    expect(checkAvailability({ ...draft, status: 'full', freeSlots: '2' })).toEqual({
      freeSlots: 'availabilityForm.freeSlotsWhenFull',
    });
    expect(checkAvailability({ ...draft, note: 'あ'.repeat(501) })).toEqual({ note: 'availabilityForm.noteTooLong' });
  });

  it('sends the trimmed note and the number, or null for empty ones', () => {
    expect(availabilityRequestOf({ status: 'limited', freeSlots: ' 3 ', note: ' 土日は不可 ' })).toEqual({
      status: 'limited',
      freeSlots: 3,
      note: '土日は不可',
    });
    expect(availabilityRequestOf({ status: 'full', freeSlots: '', note: ' ' })).toEqual({
      status: 'full',
      freeSlots: null,
      note: null,
    });
    expect(availabilityRequestOf({ status: null, freeSlots: '', note: '' })).toBeNull();
  });

  it('keeps the number consistent with the choice', () => {
    expect(withStatus({ status: 'accepting', freeSlots: '3', note: '' }, 'full').freeSlots).toBe('0');
    expect(withStatus({ status: 'limited', freeSlots: '0', note: '' }, 'accepting').freeSlots).toBe('');
    expect(withStatus({ status: 'accepting', freeSlots: '3', note: '' }, 'limited')).toEqual({
      status: 'limited',
      freeSlots: '3',
      note: '',
    });
  });
});
