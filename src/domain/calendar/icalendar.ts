/**
 * An iCalendar (RFC 5545) writer: components and properties in, a VCALENDAR text out — CRLF line
 * endings, content lines folded at 75 octets without ever splitting a UTF-8 character, TEXT values
 * escaped. Pure (no clock, no I/O): used for discharge conferences and rotation duties.
 */

/** One property: NAME;PARAM=value:VALUE. `value` is written as given — escape TEXT with `escapeText`. */
export type CalendarProperty = {
  name: string;
  value: string;
  parameters?: Readonly<Record<string, string>>;
};

export type CalendarComponent = {
  name: string;
  properties: readonly CalendarProperty[];
  components?: readonly CalendarComponent[];
};

/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
export const maxLineOctets = 75;

const crlf = '\r\n';

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Octets of one code point in UTF-8. */
function utf8Octets(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** Length of a string in UTF-8 octets. */
export function utf8Length(value: string): number {
  let octets = 0;
  for (const character of value) octets += utf8Octets(character.codePointAt(0) ?? 0);
  return octets;
}

/**
 * Folds one content line (RFC 5545 §3.1): every physical line holds at most `maxOctets` octets —
 * the leading space of a continuation line included — and a break never falls inside a UTF-8
 * character (iteration is by code point, so surrogate pairs stay whole too).
 */
export function foldLine(line: string, maxOctets = maxLineOctets): string {
  const physical: string[] = [];
  let current = '';
  let currentOctets = 0;
  let limit = maxOctets;
  for (const character of line) {
    const octets = utf8Octets(character.codePointAt(0) ?? 0);
    if (currentOctets + octets > limit && current !== '') {
      physical.push(current);
      current = '';
      currentOctets = 0;
      limit = maxOctets - 1; // the continuation line starts with one space
    }
    current += character;
    currentOctets += octets;
  }
  physical.push(current);
  return physical.join(`${crlf} `);
}

/** Reverses folding (for tests and readers): CRLF followed by one space or tab disappears. */
export function unfoldLines(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}

// Control characters other than HTAB are not allowed in values (RFC 5545 §3.1 VALUE-CHAR).
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000a-\u001f\u007f]/g;

function parameterValue(value: string): string {
  const clean = value.replace(controlCharacters, '').replace(/"/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** One unfolded content line: NAME;PARAM=VALUE:value. */
export function contentLine(property: CalendarProperty): string {
  const parameters = Object.entries(property.parameters ?? {})
    .map(([name, value]) => `;${name.toUpperCase()}=${parameterValue(value)}`)
    .join('');
  return `${property.name.toUpperCase()}${parameters}:${property.value.replace(controlCharacters, '')}`;
}

function componentLines(component: CalendarComponent): string[] {
  const name = component.name.toUpperCase();
  return [
    `BEGIN:${name}`,
    ...component.properties.map((property) => foldLine(contentLine(property))),
    ...(component.components ?? []).flatMap(componentLines),
    `END:${name}`,
  ];
}

/** Serialises a component tree (normally one VCALENDAR): CRLF after every line, folded. */
export function serializeCalendar(calendar: CalendarComponent): string {
  return componentLines(calendar).join(crlf) + crlf;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** DATE-TIME in UTC: 20261125T010000Z (for DTSTAMP, CREATED, LAST-MODIFIED). */
export function formatUtcDateTime(date: Date): string {
  return (
    `${String(date.getUTCFullYear()).padStart(4, '0')}${twoDigits(date.getUTCMonth() + 1)}${twoDigits(date.getUTCDate())}` +
    `T${twoDigits(date.getUTCHours())}${twoDigits(date.getUTCMinutes())}${twoDigits(date.getUTCSeconds())}Z`
  );
}

/** Local DATE-TIME at a fixed UTC offset (no "Z"): the form used with TZID. */
export function formatLocalDateTime(date: Date, offsetMinutes: number): string {
  return formatUtcDateTime(new Date(date.getTime() + offsetMinutes * 60_000)).slice(0, -1);
}

/** Asia/Tokyo: +09:00 all year (Japan has had no daylight saving time since 1951). */
export const tokyoTimezoneId = 'Asia/Tokyo';
export const tokyoOffsetMinutes = 9 * 60;

/** The VTIMEZONE every calendar with TZID=Asia/Tokyo carries. */
export const tokyoTimezone: CalendarComponent = {
  name: 'VTIMEZONE',
  properties: [{ name: 'TZID', value: tokyoTimezoneId }],
  components: [
    {
      name: 'STANDARD',
      properties: [
        { name: 'DTSTART', value: '19700101T000000' },
        { name: 'TZOFFSETFROM', value: '+0900' },
        { name: 'TZOFFSETTO', value: '+0900' },
        { name: 'TZNAME', value: 'JST' },
      ],
    },
  ],
};

export type CalendarEventStatus = 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';

/** An event at a time in Asia/Tokyo. Texts are plain: they are escaped here. */
export type TokyoEvent = {
  /** Globally unique and stable across downloads and changes (e.g. "<id>@renkei"). */
  uid: string;
  /** When this calendar object was produced (DTSTAMP, written in UTC). */
  stamp: Date;
  start: Date;
  end: Date;
  /** Incremented on every significant change (time, place, attendees, cancellation). */
  sequence: number;
  status: CalendarEventStatus;
  summary: string;
  location?: string | null;
  url?: string | null;
  description?: string | null;
  categories?: readonly string[];
  created?: Date | null;
  lastModified?: Date | null;
};

/** A VEVENT whose DTSTART/DTEND carry TZID=Asia/Tokyo. */
export function tokyoEvent(event: TokyoEvent): CalendarComponent {
  const tz = { TZID: tokyoTimezoneId };
  const properties: CalendarProperty[] = [
    { name: 'UID', value: event.uid },
    { name: 'DTSTAMP', value: formatUtcDateTime(event.stamp) },
    { name: 'DTSTART', parameters: tz, value: formatLocalDateTime(event.start, tokyoOffsetMinutes) },
    { name: 'DTEND', parameters: tz, value: formatLocalDateTime(event.end, tokyoOffsetMinutes) },
    { name: 'SEQUENCE', value: String(Math.max(0, Math.trunc(event.sequence))) },
    { name: 'STATUS', value: event.status },
    { name: 'SUMMARY', value: escapeText(event.summary) },
  ];
  if (event.location) properties.push({ name: 'LOCATION', value: escapeText(event.location) });
  if (event.url) properties.push({ name: 'URL', parameters: { VALUE: 'URI' }, value: event.url });
  if (event.description) properties.push({ name: 'DESCRIPTION', value: escapeText(event.description) });
  if (event.categories && event.categories.length > 0)
    properties.push({ name: 'CATEGORIES', value: event.categories.map(escapeText).join(',') });
  if (event.created) properties.push({ name: 'CREATED', value: formatUtcDateTime(event.created) });
  if (event.lastModified) properties.push({ name: 'LAST-MODIFIED', value: formatUtcDateTime(event.lastModified) });
  properties.push({ name: 'TRANSP', value: event.status === 'CANCELLED' ? 'TRANSPARENT' : 'OPAQUE' });
  return { name: 'VEVENT', properties };
}

/** A whole VCALENDAR of Asia/Tokyo events, serialised. */
export function tokyoCalendar(options: {
  productId: string;
  method: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  name?: string;
  events: readonly TokyoEvent[];
}): string {
  const properties: CalendarProperty[] = [
    { name: 'PRODID', value: options.productId },
    { name: 'VERSION', value: '2.0' },
    { name: 'CALSCALE', value: 'GREGORIAN' },
    { name: 'METHOD', value: options.method },
  ];
  if (options.name) {
    properties.push({ name: 'X-WR-CALNAME', value: escapeText(options.name) });
    properties.push({ name: 'X-WR-TIMEZONE', value: tokyoTimezoneId });
  }
  return serializeCalendar({
    name: 'VCALENDAR',
    properties,
    components: [tokyoTimezone, ...options.events.map(tokyoEvent)],
  });
}
