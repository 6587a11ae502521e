import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/helpers/pdf-text.js';
import { renderA4Card, renderPocketCard, writeInBlank, type EmergencyCardDocument } from './emergency-card-pdf.js';

function card(patientName: string): EmergencyCardDocument {
  return {
    title: '緊急時連絡カード',
    patientName,
    address: '岡山市北区大供1-1-1',
    patientPhone: null,
    keyPerson: null,
    generatedAtText: '2026年11月26日 作成',
    emergencyNotice: '意識がない・息をしていないときは、すぐ 119 番へ。',
    steps: [
      {
        order: 1,
        label: '主治医',
        name: 'テスト在宅クリニック',
        phone: '086-000-0001',
        wait: '5分つながらなければ次へ',
      },
      { order: 2, label: '救急', name: '救急車', phone: '119', wait: null },
    ],
    dutyTitle: '夜間・休日の当番医',
    dutyPeriodText: '11/26(木)〜12/10(木)',
    duties: [],
    dutyEmptyText: '当番表はまだありません。',
    otherContacts: [],
    notes: [],
    reprintNotice: '変更があれば印刷し直してください。',
    writeInNotice: '＿＿＿＿＿＿ の欄は電話番号が登録されていません。確認して記入してください。',
    shortAttribution: '出典: 厚生労働省の公開データを加工',
  };
}

describe('the card-size emergency card', () => {
  // The first drawing reads and parses the fonts: slow on a busy machine.
  it('prints a usual name in full beside the title', { timeout: 30_000 }, async () => {
    const text = pdfText(await renderPocketCard(card('岡山 花子')));
    expect(text).toContain('岡山 花子 様');
  });

  it('shrinks or cuts a long name so that it never runs into the title', async () => {
    const long = 'アレクサンドラ・ヴィクトリア・エリザベス・ミドルネーム・ヤマダ＝タナカ';
    const text = pdfText(await renderPocketCard(card(long)));
    expect(text).toContain('緊急時連絡カード');
    expect(text).not.toContain(`${long} 様`);
    expect(text).toMatch(/アレクサンドラ[^\n]*…/);
  });
});

describe('a contact without a phone number on the card', () => {
  const withoutNumbers = (): EmergencyCardDocument => ({
    ...card('岡山 花子'),
    steps: [
      { order: 1, label: '主治医', name: '番号なし在宅クリニック', phone: null, wait: '5分で次へ' },
      { order: 2, label: '副主治医', name: '番号なし副主治医医院', phone: null, wait: '5分で次へ' },
      { order: 3, label: '後方支援病院', name: 'テスト急性期病院', phone: '086-000-0003', wait: '10分で次へ' },
      { order: 4, label: '救急（119番）', name: '救急車', phone: '119', wait: null },
    ],
  });

  it('keeps its place and prints a line to write the number in, on A4 and on the card', async () => {
    for (const render of [renderA4Card, renderPocketCard]) {
      const text = pdfText(await render(withoutNumbers())).replace(/\s+/g, '');
      // In the order given: the doctors first, the hospital after them, 119 last.
      const at = (name: string) => text.indexOf(name);
      expect(at('番号なし在宅クリニック')).toBeGreaterThan(-1);
      expect(at('番号なし在宅クリニック')).toBeLessThan(at('番号なし副主治医医院'));
      expect(at('番号なし副主治医医院')).toBeLessThan(at('テスト急性期病院'));
      expect(text).toContain(writeInBlank);
      expect(text).toContain('電話番号が登録されていません。確認して記入してください。');
      expect(text).not.toContain('未登録待たずに次へ');
    }
  });

  it('never drops 119 from the card size, however many contacts come before it', async () => {
    const many: EmergencyCardDocument = {
      ...withoutNumbers(),
      steps: [
        ...Array.from({ length: 7 }, (_, index) => ({
          order: index + 1,
          label: '後方支援病院',
          name: `テスト病院${index + 1}`,
          phone: index % 2 === 0 ? null : `086-000-000${index}`,
          wait: '10分で次へ',
        })),
        { order: 8, label: '救急（119番）', name: '救急車', phone: '119', wait: null },
      ],
    };
    const text = pdfText(await renderPocketCard(many)).replace(/\s+/g, '');
    expect(text).toContain('救急車');
    expect(text).toMatch(/ほか\d+件はA4版に/);
  });

  it('says nothing about writing in when every number is there', async () => {
    const text = pdfText(await renderA4Card(card('岡山 花子')));
    expect(text).not.toContain(writeInBlank);
  });
});
