/**
 * Draws the printable discharge summary (退院支援サマリー) on A4 with pdfkit, in Japanese with
 * Noto Sans JP from @embedpdf/fonts-jp (OFL-1.1; pdfkit embeds only the glyphs used, so a page
 * stays small). Takes labelled text only: what to show is decided by the service.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

/** `half`: two consecutive half rows share one line (short values: dates, codes). */
export type SummaryRow = { label: string; value: string; half?: boolean };
export type SummarySection = { title: string; rows: SummaryRow[] };
export type SummaryTable = {
  title: string;
  columns: { label: string; width: number }[];
  rows: string[][];
  note?: string;
};

export type DischargeSummaryDocument = {
  title: string;
  hospitalName: string;
  /** 2026年11月25日(水) 10:00 */
  generatedAtText: string;
  /** Sections and the team table, in order. */
  blocks: (SummarySection | SummaryTable)[];
  footerNotice: string;
  /**
   * The 出典 of public data the summary shows (「出典（チームの名称・連絡先）: …」), printed small in every page's footer
   * — as a section of its own it could fill a second page alone — or null.
   */
  sourceNote: string | null;
};

// The package exports only its JavaScript entry; the fonts sit next to it (fonts/*.otf).
const fontDirectory = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-jp')), '..', 'fonts');
type FontSource = Buffer | { layout: (...args: never[]) => unknown };
let fonts: { regular: FontSource; bold: FontSource } | null = null;

/**
 * Reads and parses the fonts once per process. pdfkit accepts an already parsed (fontkit) font;
 * reusing it spares each document ~150 ms of parsing a 4.5 MB font. The parsed font is taken
 * from a warm-up document; should pdfkit's internals change, the bytes are used as they are.
 */
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

const page = { margin: 42, footerHeight: 40, sourceNoteHeight: 30 };
const colors = { text: '#1a1a1a', muted: '#555555', rule: '#b8b8b8', band: '#e8eef5', warning: '#b00020' };
const labelWidth = 100;

function isTable(block: SummarySection | SummaryTable): block is SummaryTable {
  return 'columns' in block;
}

/** Renders the summary; resolves with the PDF bytes. */
export function renderDischargeSummary(summary: DischargeSummaryDocument): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const footerHeight = page.footerHeight + (summary.sourceNote ? page.sourceNoteHeight : 0);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: page.margin, left: page.margin, right: page.margin, bottom: page.margin + footerHeight },
    bufferPages: true,
    info: { Title: summary.title, Creator: 'Renkei', Producer: 'Renkei (pdfkit)' },
    lang: 'ja-JP',
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

  const left = page.margin;
  const width = doc.page.width - page.margin * 2;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensureSpace = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  // Title block
  doc
    .font('jp-bold')
    .fontSize(20)
    .fillColor(colors.text)
    .text(summary.title, left, page.margin, { width, lineBreak: false });
  // The hospital and the time on the right, beside the title (a long name wraps within its column).
  const headerX = left + 190;
  doc
    .font('jp')
    .fontSize(9)
    .fillColor(colors.muted)
    .text(`${summary.hospitalName}\n作成 ${summary.generatedAtText}`, headerX, page.margin + 2, {
      width: width - 190,
      align: 'right',
    });
  doc.y = Math.max(page.margin + 34, doc.y + 4);
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(1.2)
    .strokeColor(colors.text)
    .stroke();
  doc.y += 8;

  const heading = (title: string) => {
    ensureSpace(44);
    const top = doc.y + 3;
    doc.rect(left, top, width, 16).fillColor(colors.band).fill();
    doc
      .font('jp-bold')
      .fontSize(10)
      .fillColor(colors.text)
      .text(title, left + 6, top + 2, { width: width - 12, lineBreak: false });
    doc.y = top + 20;
  };

  const rule = (weight: number) => {
    doc
      .moveTo(left, doc.y - 1)
      .lineTo(left + width, doc.y - 1)
      .lineWidth(weight)
      .strokeColor(colors.rule)
      .stroke();
  };

  /** One line of the key-value list: one full-width row, or two half rows side by side. */
  const keyValueLine = (cells: SummaryRow[]) => {
    doc.font('jp').fontSize(9);
    const cellWidth = width / cells.length;
    const layout = cells.map((cell, index) => {
      const x = left + index * cellWidth;
      const labelSpace = labelWidth;
      const valueWidth = cellWidth - labelSpace - 6;
      const value = cell.value === '' ? '—' : cell.value;
      return {
        cell,
        x,
        labelSpace,
        valueWidth,
        value,
        height: doc.heightOfString(value, { width: valueWidth, lineGap: 1 }),
      };
    });
    const height = Math.max(12, ...layout.map((entry) => entry.height));
    ensureSpace(height + 4);
    const top = doc.y;
    for (const entry of layout) {
      doc
        .fillColor(colors.muted)
        .text(entry.cell.label, entry.x + 6, top, { width: entry.labelSpace - 8, lineBreak: false });
      doc
        .fillColor(colors.text)
        .text(entry.value, entry.x + entry.labelSpace, top, { width: entry.valueWidth, lineGap: 1 });
    }
    doc.y = top + height + 3;
    rule(0.3);
    doc.y += 1.5;
  };

  /** The height a list of key-value rows takes (as keyValueLine lays them out), to keep a short section whole. */
  const keyValuesHeight = (rows: SummaryRow[]) => {
    doc.font('jp').fontSize(9);
    let height = 0;
    for (let index = 0; index < rows.length; index += 1) {
      const row = rows[index];
      const next = rows[index + 1];
      if (!row) continue;
      const cells = row.half && next?.half ? [row, next] : [row];
      if (cells.length === 2) index += 1;
      const valueWidth = width / cells.length - labelWidth - 6;
      const lineHeight = Math.max(
        12,
        ...cells.map((cell) =>
          doc.heightOfString(cell.value === '' ? '—' : cell.value, { width: valueWidth, lineGap: 1 }),
        ),
      );
      height += lineHeight + 5.5;
    }
    return height;
  };

  const keyValues = (rows: SummaryRow[]) => {
    for (let index = 0; index < rows.length; index += 1) {
      const row = rows[index];
      const next = rows[index + 1];
      if (!row) continue;
      if (row.half && next?.half) {
        keyValueLine([row, next]);
        index += 1;
      } else keyValueLine([row]);
    }
  };

  const table = (block: SummaryTable) => {
    const scale = width / block.columns.reduce((sum, column) => sum + column.width, 0);
    const widths = block.columns.map((column) => column.width * scale);
    const drawRow = (cells: string[], isHeader: boolean) => {
      doc.font(isHeader ? 'jp-bold' : 'jp').fontSize(isHeader ? 8.5 : 9);
      const heights = cells.map((cell, index) =>
        doc.heightOfString(cell === '' ? '—' : cell, { width: (widths[index] ?? 40) - 8, lineGap: 1 }),
      );
      const height = Math.max(12, ...heights);
      ensureSpace(height + 6);
      const top = doc.y;
      let x = left;
      cells.forEach((cell, index) => {
        const cellWidth = widths[index] ?? 40;
        doc
          .fillColor(isHeader ? colors.muted : colors.text)
          .text(cell === '' ? '—' : cell, x + 4, top, { width: cellWidth - 8, lineGap: 1 });
        x += cellWidth;
      });
      doc.y = top + height + 3;
      rule(isHeader ? 0.6 : 0.3);
      doc.y += 1.5;
    };
    drawRow(
      block.columns.map((column) => column.label),
      true,
    );
    // Said in the wide second column (the first, 役割, would wrap it).
    if (block.rows.length === 0) drawRow(['', 'まだ決まっていません', ...block.columns.slice(2).map(() => '')], false);
    for (const row of block.rows) drawRow(row, false);
    if (block.note) keyValueLine([{ label: '未決定の役割', value: block.note }]);
  };

  for (const block of summary.blocks) {
    // A short section is kept whole (its heading and rows on one page): a lone 「参加」 row on the next page is lost.
    if (!isTable(block)) {
      const needed = 24 + keyValuesHeight(block.rows);
      if (needed < (bottom() - page.margin) / 3) ensureSpace(needed);
    }
    heading(block.title);
    if (isTable(block)) table(block);
    else keyValues(block.rows);
    doc.y += 2;
  }

  // Footer on every page: generation time (JST), the caution, page numbers, the 出典.
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the bottom margin must not open a new page
    const top = doc.page.height - page.margin - footerHeight + 12;
    doc
      .moveTo(left, top)
      .lineTo(left + width, top)
      .lineWidth(0.6)
      .strokeColor(colors.rule)
      .stroke();
    doc
      .font('jp-bold')
      .fontSize(9)
      .fillColor(colors.warning)
      .text(summary.footerNotice, left, top + 6, { width, lineBreak: false });
    doc
      .font('jp')
      .fontSize(8)
      .fillColor(colors.muted)
      .text(`作成日時 ${summary.generatedAtText}（日本時間） · Renkei（連携）`, left, top + 20, {
        width,
        lineBreak: false,
      });
    doc.text(`${index - range.start + 1} / ${range.count}`, left, top + 20, {
      width,
      align: 'right',
      lineBreak: false,
    });
    if (summary.sourceNote)
      doc.fontSize(7).text(summary.sourceNote, left, top + 32, { width, height: page.sourceNoteHeight, lineGap: 0.5 });
    doc.page.margins.bottom = savedBottom;
  }
  doc.end();
  return done;
}
