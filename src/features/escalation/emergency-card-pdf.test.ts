import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/helpers/pdf-text.js';
import { renderPocketCard, type EmergencyCardDocument } from './emergency-card-pdf.js';

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
    shortAttribution: '出典: 厚生労働省の公開データを加工',
  };
}

describe('the card-size emergency card', () => {
  it('prints a usual name in full beside the title', async () => {
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
