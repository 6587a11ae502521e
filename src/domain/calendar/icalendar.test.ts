import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ICAL from 'ical.js';
import {
  escapeText,
  foldLine,
  formatLocalDateTime,
  formatUtcDateTime,
  tokyoCalendar,
  unfoldLines,
  utf8Length,
} from './icalendar.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function physicalLines(text: string): string[] {
  return text.split('\r\n');
}

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('leaves Japanese punctuation alone', () => {
    expect(escapeText('岡山市北区、会議室；３階')).toBe('岡山市北区、会議室；３階');
  });
});

describe('foldLine', () => {
  it('keeps short lines as they are', () => {
    expect(foldLine('SUMMARY:短い')).toBe('SUMMARY:短い');
  });

  it('folds long Japanese text at 75 octets without splitting a character', () => {
    const line = `DESCRIPTION:${'退院時カンファレンスのご案内です。'.repeat(12)}`;
    const folded = foldLine(line);
    const lines = physicalLines(folded);
    expect(lines.length).toBeGreaterThan(5);
    lines.forEach((physical, index) => {
      const bytes = encoder.encode(physical);
      expect(bytes.length).toBeLessThanOrEqual(75);
      // Each physical line is valid UTF-8 on its own: no character was cut in two.
      expect(() => decoder.decode(bytes)).not.toThrow();
      if (index > 0) expect(physical.startsWith(' ')).toBe(true);
    });
    expect(unfoldLines(folded)).toBe(line);
  });

  it('fills lines as far as a whole character allows (3-octet characters: 72 + 1 space ≤ 75)', () => {
    const folded = foldLine('あ'.repeat(60));
    const [first, second] = physicalLines(folded);
    expect(encoder.encode(first).length).toBe(75);
    expect(encoder.encode(second).length).toBeLessThanOrEqual(75);
  });

  it('keeps emoji (4 octets, surrogate pairs) whole', () => {
    const line = `X:${'😀'.repeat(40)}`;
    for (const physical of physicalLines(foldLine(line))) {
      expect(() => decoder.decode(encoder.encode(physical))).not.toThrow();
      expect(physical.replace(/^ /, '')).toMatch(/^(X:)?(😀)*$/u);
    }
  });

  it('for any text: every physical line ≤ 75 octets, and unfolding gives the line back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const line = `DESCRIPTION:${text.replace(/[\r\n]/g, '')}`;
        const folded = foldLine(line);
        for (const physical of physicalLines(folded)) expect(utf8Length(physical)).toBeLessThanOrEqual(75);
        expect(unfoldLines(folded)).toBe(line);
      }),
    );
  });
});

describe('date-time formats', () => {
  it('writes UTC with Z and Tokyo local time without it', () => {
    const instant = new Date('2026-12-01T14:30:00+09:00');
    expect(formatUtcDateTime(instant)).toBe('20261201T053000Z');
    expect(formatLocalDateTime(instant, 540)).toBe('20261201T143000');
  });
});

describe('tokyoCalendar', () => {
  const calendar = tokyoCalendar({
    productId: '-//Renkei//Discharge conference//JA',
    method: 'PUBLISH',
    events: [
      {
        uid: 'c0ffee00-0000-4000-8000-000000000001@renkei',
        stamp: new Date('2026-11-25T01:00:00Z'),
        start: new Date('2026-12-01T14:00:00+09:00'),
        end: new Date('2026-12-01T15:00:00+09:00'),
        sequence: 2,
        status: 'CONFIRMED',
        summary: '退院時カンファレンス（岡山テスト総合病院）',
        location: '岡山市北区大供1-1-1, 3階 会議室; 受付で名前を',
        url: 'https://meet.example.jp/abc?x=1;y=2',
        description: `病院: 岡山テスト総合病院\n退院予定日: 2026-12-10\n参加: ${'訪問看護ステーションあおぞら、'.repeat(6)}`,
      },
    ],
  });

  it('uses CRLF everywhere, ends with CRLF and keeps every line within 75 octets', () => {
    expect(calendar.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(calendar.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const physical of physicalLines(calendar)) expect(encoder.encode(physical).length).toBeLessThanOrEqual(75);
  });

  it('parses with ical.js into the same event, Tokyo time zone, texts unescaped', () => {
    const component = new ICAL.Component(ICAL.parse(calendar));
    expect(component.getFirstPropertyValue('version')).toBe('2.0');
    expect(component.getFirstPropertyValue('method')).toBe('PUBLISH');
    const timezone = component.getFirstSubcomponent('vtimezone');
    expect(timezone?.getFirstPropertyValue('tzid')).toBe('Asia/Tokyo');
    const standard = timezone?.getFirstSubcomponent('standard');
    expect(standard?.getFirstProperty('tzoffsetto')?.toICALString()).toBe('TZOFFSETTO:+0900');
    expect(standard?.getFirstPropertyValue('tzname')).toBe('JST');
    const vevent = component.getFirstSubcomponent('vevent');
    if (!vevent) throw new Error('no VEVENT');
    ICAL.TimezoneService.register(timezone!);
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe('c0ffee00-0000-4000-8000-000000000001@renkei');
    expect(event.sequence).toBe(2);
    expect(event.summary).toBe('退院時カンファレンス（岡山テスト総合病院）');
    expect(event.location).toBe('岡山市北区大供1-1-1, 3階 会議室; 受付で名前を');
    expect(event.description).toContain('退院予定日: 2026-12-10\n参加: ');
    expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Tokyo');
    expect(event.startDate.zone?.tzid).toBe('Asia/Tokyo');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(vevent.getFirstPropertyValue('url')).toBe('https://meet.example.jp/abc?x=1;y=2');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('writes DTSTART with TZID and DTSTAMP in UTC', () => {
    const unfolded = unfoldLines(calendar);
    expect(unfolded).toContain('\r\nDTSTART;TZID=Asia/Tokyo:20261201T140000\r\n');
    expect(unfolded).toContain('\r\nDTEND;TZID=Asia/Tokyo:20261201T150000\r\n');
    expect(unfolded).toContain('\r\nDTSTAMP:20261125T010000Z\r\n');
    expect(unfolded).toContain('\r\nSEQUENCE:2\r\n');
  });
});
