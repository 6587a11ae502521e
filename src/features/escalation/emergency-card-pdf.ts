/**
 * Draws the emergency contact card (緊急時連絡カード) for the patient's home with pdfkit, in
 * Japanese with Noto Sans JP from @embedpdf/fonts-jp (OFL-1.1; only the glyphs used are embedded),
 * the same approach as the discharge summary (src/features/case-summary/summary-pdf.ts). Two
 * sizes: A4 (one page, to put on the wall or the fridge) and card (名刺大 91×55 mm, front and back,
 * to keep by the phone or in a wallet). Takes text only: what to show is decided by the service.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

export type CardStep = {
  order: number;
  /** 主治医, 副主治医, 輪番の当番医, 後方支援病院, 救急 */
  label: string;
  name: string;
  /** null: no number registered — printed as a line to write it in by hand (`writeInBlank`), in its place. */
  phone: string | null;
  /** "5分つながらなければ次へ" or null for the last. */
  wait: string | null;
};

export type CardDuty = { dateText: string; shiftLabel: string; hours: string; name: string; phone: string | null };

export type CardContact = { label: string; name: string; phone: string | null };

/** What a missing phone number prints as: a line to write the number on by hand. */
export const writeInBlank = '＿＿＿＿＿＿';

const phoneText = (phone: string | null) => phone ?? writeInBlank;

export type EmergencyCardDocument = {
  title: string;
  patientName: string;
  address: string;
  patientPhone: string | null;
  keyPerson: string | null;
  generatedAtText: string;
  emergencyNotice: string;
  steps: CardStep[];
  /** 夜間・休日の当番医: the dates shown are added by the renderer (as many as fit). */
  dutyTitle: string;
  /** The period asked for, shown when there are no duties: 5/3(日)〜5/17(日). */
  dutyPeriodText: string;
  duties: CardDuty[];
  /** Shown when there are no duties (no rotation, or no published roster for the period). */
  dutyEmptyText: string;
  otherContacts: CardContact[];
  notes: string[];
  reprintNotice: string;
  /** Says what the lines of a missing number are for (printed when there is one). */
  writeInNotice: string;
  /** The 出典 in a few words, for the pocket card (the A4 card lists them in its notes). */
  shortAttribution: string;
};

// The package exports only its JavaScript entry; the fonts sit next to it (fonts/*.otf).
const fontDirectory = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-jp')), '..', 'fonts');
type FontSource = Buffer | { layout: (...args: never[]) => unknown };
let fonts: { regular: FontSource; bold: FontSource } | null = null;

/** Reads and parses the fonts once per process (see summary-pdf.ts: a parsed font spares ~150 ms a document). */
function loadFonts() {
  if (fonts) return fonts;
  const parsed = (bytes: Buffer): FontSource => {
    const warmUp = new PDFDocument({ autoFirstPage: false });
    warmUp.font(bytes);
    const candidate = (warmUp as unknown as { _font?: { font?: unknown } })._font?.font;
    return typeof (candidate as { layout?: unknown } | undefined)?.layout === 'function'
      ? (candidate as FontSource)
      : bytes;
  };
  fonts = {
    regular: parsed(readFileSync(join(fontDirectory, 'NotoSansJP-Regular.otf'))),
    bold: parsed(readFileSync(join(fontDirectory, 'NotoSansJP-Bold.otf'))),
  };
  return fonts;
}

const colors = { text: '#1a1a1a', muted: '#555555', rule: '#b8b8b8', band: '#e8eef5', warning: '#b00020' };
const mm = 72 / 25.4;
/** 名刺サイズ (Japanese business card): 91 × 55 mm. */
export const cardSize: [number, number] = [91 * mm, 55 * mm];

function newDocument(title: string, size: 'A4' | [number, number], margin: number) {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size,
    margins: { top: margin, left: margin, right: margin, bottom: margin },
    info: { Title: title, Creator: 'Renkei', Producer: 'Renkei (pdfkit)' },
    lang: 'ja-JP',
    autoFirstPage: true,
  });
  // The typings list only bytes and paths; pdfkit also takes a parsed font (see loadFonts).
  doc.registerFont('jp', regular as Buffer);
  doc.registerFont('jp-bold', bold as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/**
 * `text` on one line of `width`: at the largest size from `maxSize` down to `minSize` (half-point
 * steps) at which it fits, else at `minSize` cut with an ellipsis ("…") to fit. Leaves the font set.
 */
export function fitOneLine(
  doc: PDFKit.PDFDocument,
  text: string,
  options: { font: string; maxSize: number; minSize: number; width: number },
): { text: string; size: number } {
  doc.font(options.font);
  for (let size = options.maxSize; size >= options.minSize; size -= 0.5) {
    if (doc.fontSize(size).widthOfString(text) <= options.width) return { text, size };
  }
  doc.fontSize(options.minSize);
  const characters = Array.from(
    new Intl.Segmenter('ja', { granularity: 'grapheme' }).segment(text),
    (part) => part.segment,
  );
  while (characters.length > 0 && doc.widthOfString(`${characters.join('')}…`) > options.width) characters.pop();
  return { text: characters.length > 0 ? `${characters.join('')}…` : '', size: options.minSize };
}

type Column = { label: string; width: number; bold?: boolean; size?: number };

/**
 * A simple table; rows that would not fit above `bottom` are dropped and counted (a card stays
 * one page). `singleLine`: every cell one line, cut with an ellipsis (the card size).
 */
function drawTable(
  doc: PDFKit.PDFDocument,
  options: {
    left: number;
    width: number;
    bottom: number;
    columns: Column[];
    rows: string[][];
    fontSize: number;
    singleLine?: boolean;
  },
): number {
  const scale = options.width / options.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = options.columns.map((column) => column.width * scale);
  let dropped = 0;
  const useFont = (column: Column | undefined, isHeader: boolean) =>
    doc
      .font(isHeader || column?.bold ? 'jp-bold' : 'jp')
      .fontSize(isHeader ? options.fontSize - 1 : (column?.size ?? options.fontSize));
  const drawRow = (cells: string[], isHeader: boolean) => {
    const heights = cells.map((cell, index) => {
      const column = options.columns[index];
      useFont(column, isHeader);
      return options.singleLine
        ? doc.currentLineHeight(true)
        : doc.heightOfString(cell === '' ? '—' : cell, { width: (widths[index] ?? 40) - 6, lineGap: 0.5 });
    });
    const height = Math.max(options.fontSize + 2, ...heights);
    if (doc.y + height + 3 > options.bottom) return false;
    const top = doc.y;
    let x = options.left;
    cells.forEach((cell, index) => {
      const column = options.columns[index];
      useFont(column, isHeader).fillColor(isHeader ? colors.muted : colors.text);
      const cellWidth = (widths[index] ?? 40) - 6;
      const text = cell === '' ? '—' : cell;
      if (options.singleLine)
        doc.text(text, x + 3, top, { width: cellWidth, height: doc.currentLineHeight(true) * 1.2, ellipsis: true });
      else doc.text(text, x + 3, top, { width: cellWidth, lineGap: 0.5 });
      x += widths[index] ?? 40;
    });
    doc.y = top + height + 2;
    doc
      .moveTo(options.left, doc.y - 1)
      .lineTo(options.left + options.width, doc.y - 1)
      .lineWidth(isHeader ? 0.6 : 0.3)
      .strokeColor(colors.rule)
      .stroke();
    doc.y += 1.5;
    return true;
  };
  drawRow(
    options.columns.map((column) => column.label),
    true,
  );
  for (const row of options.rows) if (!drawRow(row, false)) dropped += 1;
  return dropped;
}

/** The height of one single-line row of drawTable (header or body). */
function singleLineRowHeight(doc: PDFKit.PDFDocument, columns: Column[], fontSize: number, isHeader: boolean) {
  const heights = columns.map((column) => {
    doc.font(isHeader || column.bold ? 'jp-bold' : 'jp').fontSize(isHeader ? fontSize - 1 : (column.size ?? fontSize));
    return doc.currentLineHeight(true);
  });
  return Math.max(fontSize + 2, ...heights) + 3.5;
}

/**
 * The table of the coming duties: as many as fit above `bottom`, under a heading that names the
 * dates actually shown (a card never promises days it does not list).
 */
function dutySection(
  doc: PDFKit.PDFDocument,
  card: EmergencyCardDocument,
  options: { left: number; width: number; bottom: number; fontSize: number; headingSize: number; columns: Column[] },
  rowOf: (duty: CardDuty) => string[],
) {
  const { left, width, bottom, fontSize, headingSize, columns } = options;
  const headingHeight = headingSize + 12;
  const moreText = 'この先の当番は主治医・訪問看護に確認するか、新しいカードを印刷してください。';
  if (card.duties.length === 0) {
    heading(doc, left, width, `${card.dutyTitle}（${card.dutyPeriodText}）`, headingSize);
    doc
      .font('jp')
      .fontSize(fontSize)
      .fillColor(colors.muted)
      .text(card.dutyEmptyText, left + 3, doc.y, { width: width - 6 });
    return;
  }
  const rowHeight = singleLineRowHeight(doc, columns, fontSize, false);
  const room = bottom - doc.y - headingHeight - singleLineRowHeight(doc, columns, fontSize, true);
  let capacity = Math.max(0, Math.floor(room / rowHeight));
  if (capacity < card.duties.length) capacity = Math.max(0, Math.floor((room - fontSize - 4) / rowHeight));
  const shown = card.duties.slice(0, capacity);
  const first = shown[0];
  const last = shown[shown.length - 1];
  heading(
    doc,
    left,
    width,
    `${card.dutyTitle}（${first && last ? `${first.dateText}〜${last.dateText}` : card.dutyPeriodText}）`,
    headingSize,
  );
  drawTable(doc, { left, width, bottom, fontSize, singleLine: true, columns, rows: shown.map(rowOf) });
  if (shown.length < card.duties.length)
    doc
      .font('jp')
      .fontSize(fontSize - 0.5)
      .fillColor(colors.muted)
      .text(moreText, left + 3, doc.y, { width: width - 6, height: fontSize * 1.6, ellipsis: true });
}

/** Whether the card has a number to write in by hand (a calling step or a duty without one). */
function hasWriteIn(card: EmergencyCardDocument): boolean {
  return card.steps.some((step) => step.phone === null) || card.duties.some((duty) => duty.phone === null);
}

function heading(doc: PDFKit.PDFDocument, left: number, width: number, title: string, size: number) {
  const top = doc.y + 2;
  doc
    .rect(left, top, width, size + 6)
    .fillColor(colors.band)
    .fill();
  doc
    .font('jp-bold')
    .fontSize(size)
    .fillColor(colors.text)
    .text(title, left + 5, top + 2, { width: width - 10, lineBreak: false });
  doc.y = top + size + 10;
}

function warningBox(doc: PDFKit.PDFDocument, left: number, width: number, text: string, size: number) {
  doc.font('jp-bold').fontSize(size);
  const height = doc.heightOfString(text, { width: width - 12 }) + 8;
  const top = doc.y;
  doc.rect(left, top, width, height).lineWidth(1.2).strokeColor(colors.warning).stroke();
  doc.fillColor(colors.warning).text(text, left + 6, top + 4, { width: width - 12 });
  doc.y = top + height + 6;
}

/** The A4 card: one page. */
export function renderA4Card(card: EmergencyCardDocument): Promise<Buffer> {
  const margin = 40;
  const { doc, done } = newDocument(card.title, 'A4', margin);
  const left = margin;
  const width = doc.page.width - margin * 2;
  const bottom = doc.page.height - margin - 30;

  doc.font('jp-bold').fontSize(22).fillColor(colors.text).text(card.title, left, margin, { width, lineBreak: false });
  doc
    .font('jp')
    .fontSize(8.5)
    .fillColor(colors.muted)
    .text(`作成 ${card.generatedAtText}`, left, margin + 8, { width, align: 'right', lineBreak: false });
  doc.y = margin + 32;
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(1.2)
    .strokeColor(colors.text)
    .stroke();
  doc.y += 8;

  doc.font('jp-bold').fontSize(16).fillColor(colors.text).text(`${card.patientName} 様`, left, doc.y, { width });
  doc.font('jp').fontSize(9.5).fillColor(colors.text);
  doc.text(`住所: ${card.address || '—'}`, left, doc.y + 2, { width });
  doc.text(
    `電話: ${card.patientPhone ?? '—'}${card.keyPerson ? `\u3000\u3000家族など: ${card.keyPerson}` : ''}`,
    left,
    doc.y + 1,
    { width },
  );
  doc.y += 8;
  warningBox(doc, left, width, card.emergencyNotice, 12);

  heading(doc, left, width, '急に具合が悪くなったら、この順に電話してください', 11);
  drawTable(doc, {
    left,
    width,
    bottom,
    fontSize: 10,
    columns: [
      { label: '順', width: 6 },
      { label: '相手', width: 18 },
      { label: '名称', width: 36 },
      { label: '電話番号', width: 24, bold: true, size: 12 },
      { label: 'つながらないとき', width: 22 },
    ],
    rows: card.steps.map((step) => [
      String(step.order),
      step.label,
      step.phone === null ? `${step.name}\n（電話番号未登録: 確認して記入）` : step.name,
      phoneText(step.phone),
      step.wait ?? '',
    ]),
  });
  if (hasWriteIn(card)) {
    doc
      .font('jp-bold')
      .fontSize(8.5)
      .fillColor(colors.warning)
      .text(card.writeInNotice, left + 3, doc.y + 1, { width: width - 6 });
  }
  doc.y += 4;

  dutySection(
    doc,
    card,
    {
      left,
      width,
      // Room kept below for the team's other contacts and the notes.
      bottom:
        bottom -
        (card.otherContacts.length > 0 ? 32 + 16 * (card.otherContacts.length + 1) : 0) -
        12 * card.notes.length -
        4,
      fontSize: 8.5,
      headingSize: 10.5,
      columns: [
        { label: '日付', width: 16 },
        { label: '当番', width: 14 },
        { label: '時間', width: 18 },
        { label: '当番医', width: 32 },
        { label: '電話番号', width: 20, bold: true },
      ],
    },
    (duty) => [duty.dateText, duty.shiftLabel, duty.hours, duty.name, phoneText(duty.phone)],
  );
  if (card.otherContacts.length > 0) {
    doc.y += 4;
    heading(doc, left, width, '在宅チームのその他の連絡先', 10);
    drawTable(doc, {
      left,
      width,
      bottom,
      fontSize: 8.5,
      columns: [
        { label: '役割', width: 22 },
        { label: '名称', width: 50 },
        { label: '電話番号', width: 28, bold: true },
      ],
      rows: card.otherContacts.map((entry) => [entry.label, entry.name, phoneText(entry.phone)]),
    });
  }
  if (card.notes.length > 0 && doc.y < bottom - 20) {
    doc.y += 3;
    doc
      .font('jp')
      .fontSize(8)
      .fillColor(colors.muted)
      .text(card.notes.map((note) => `※ ${note}`).join('\n'), left, doc.y, { width, height: bottom - doc.y });
  }

  const footerTop = doc.page.height - margin - 22;
  doc.page.margins.bottom = 0;
  doc
    .moveTo(left, footerTop)
    .lineTo(left + width, footerTop)
    .lineWidth(0.6)
    .strokeColor(colors.rule)
    .stroke();
  doc
    .font('jp-bold')
    .fontSize(8.5)
    .fillColor(colors.warning)
    .text(card.reprintNotice, left, footerTop + 5, { width, lineBreak: false });
  doc
    .font('jp')
    .fontSize(7.5)
    .fillColor(colors.muted)
    .text(`作成日時 ${card.generatedAtText}（日本時間） · Renkei（連携）`, left, footerTop + 17, {
      width,
      lineBreak: false,
    });
  doc.end();
  return done;
}

/** The card (名刺大): the calling order on the front, the duties of the coming days on the back. */
export function renderPocketCard(card: EmergencyCardDocument): Promise<Buffer> {
  const margin = 3.5 * mm;
  const { doc, done } = newDocument(card.title, cardSize, margin);
  const left = margin;
  const width = cardSize[0] - margin * 2;
  const bottom = cardSize[1] - margin;
  const footerLineHeight = 5.5;
  /**
   * Small lines at the foot of a side, the last one on the bottom margin: each on one line of its own, smaller if
   * it must be, so that an instruction (新しいカードを印刷) is never cut — it is not squeezed after the 出典.
   */
  const footer = (...lines: string[]) => {
    doc.page.margins.bottom = 0; // writing near the edge must not open a new page
    lines.forEach((line, index) => {
      const fitted = fitOneLine(doc, line, { font: 'jp', maxSize: 4.6, minSize: 3.6, width });
      const top = bottom - 5 - (lines.length - 1 - index) * footerLineHeight;
      doc
        .fontSize(fitted.size)
        .fillColor(colors.muted)
        .text(fitted.text, left, top, { width, height: 6, lineBreak: false });
    });
  };

  // Front: who to call, in order (119 always last and always shown). The patient's name shares the
  // first line with the title: it gets the room the title leaves, smaller or cut if it must.
  doc.font('jp-bold').fontSize(8.5).fillColor(colors.text).text(card.title, left, margin, { width, lineBreak: false });
  const titleWidth = doc.widthOfString(card.title);
  const nameRoom = width - titleWidth - 2 * mm;
  const name = fitOneLine(doc, `${card.patientName} 様`, { font: 'jp-bold', maxSize: 7, minSize: 5, width: nameRoom });
  doc
    .font('jp-bold')
    .fontSize(name.size)
    .text(name.text, left + width - nameRoom, margin + 1.5 + (7 - name.size) / 2, {
      width: nameRoom,
      align: 'right',
      lineBreak: false,
    });
  doc.y = margin + 12;
  doc.font('jp-bold').fontSize(5.6).fillColor(colors.warning).text(card.emergencyNotice, left, doc.y, { width });
  doc.y += 1;
  const emergency = card.steps.filter((step) => step.phone === '119');
  const others = card.steps.filter((step) => step.phone !== '119');
  const row = (step: CardStep) => [String(step.order), step.label, step.name, phoneText(step.phone)];
  const writeIn = hasWriteIn(card);
  const columns: Column[] = [
    { label: '順', width: 4 },
    { label: '相手', width: 22 },
    { label: '名称', width: 41 },
    { label: '電話番号', width: 25, bold: true, size: 6.5 },
  ];
  // Rows that do not fit are dropped from the middle (backup hospitals), never 119: as many rows as drawTable will
  // draw above the table's bottom (a row needs its height and 3 pt below it), 119 among them.
  const footerRoom = writeIn ? footerLineHeight : 0;
  const tableBottom = bottom - 6 - footerRoom;
  const rowHeight = singleLineRowHeight(doc, columns, 5.6, false);
  const firstRowTop = doc.y + singleLineRowHeight(doc, columns, 5.6, true);
  const capacity = Math.floor((tableBottom - firstRowTop + 0.5) / rowHeight);
  const shown = [...others.slice(0, Math.max(0, capacity - emergency.length)), ...emergency];
  const dropped = drawTable(doc, {
    left,
    width,
    bottom: tableBottom,
    fontSize: 5.6,
    singleLine: true,
    columns,
    rows: shown.map(row),
  });
  const missing = card.steps.length - shown.length + dropped;
  const frontFooter = `${missing > 0 ? `ほか${missing}件は A4 版に。` : ''}つながらなければ次の番号へ。裏面: 夜間・休日の当番医`;
  if (writeIn) footer(card.writeInNotice, frontFooter);
  else footer(frontFooter);

  // Back: the duties of the coming days.
  doc.addPage({ size: cardSize, margins: { top: margin, left: margin, right: margin, bottom: margin } });
  doc.y = margin - 2;
  dutySection(
    doc,
    card,
    {
      left,
      width,
      bottom: bottom - 7 - footerLineHeight, // two footer lines below
      fontSize: 5.4,
      headingSize: 6.5,
      columns: [
        { label: '日付', width: 13 },
        { label: '当番', width: 14 },
        { label: '時間', width: 20 },
        { label: '当番医', width: 31 },
        { label: '電話番号', width: 22, bold: true },
      ],
    },
    (duty) => [duty.dateText, duty.shiftLabel, duty.hours, duty.name, phoneText(duty.phone)],
  );
  footer(card.reprintNotice, `作成 ${card.generatedAtText} · ${card.shortAttribution}`);
  doc.end();
  return done;
}
