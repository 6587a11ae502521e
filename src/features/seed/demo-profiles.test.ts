import { describe, expect, it } from 'vitest';
import { demoProfileFor, isSpecialisedHospitalName } from './demo-profiles.js';

/** Many source keys, so that the random parts of the profile take every branch. */
const keys = Array.from({ length: 400 }, (_, index) => `med:33101${String(index).padStart(5, '0')}`);

describe('demo capability profiles', () => {
  it('gives a paediatric clinic a profile for children, never for elderly or dementia care', () => {
    const profiles = keys
      .map((key) => demoProfileFor(key, 'clinic', { name: 'どい小児科クリニック' }))
      .filter((profile) => profile !== null);
    expect(profiles.length).toBeGreaterThan(50);
    for (const profile of profiles) {
      expect(profile.groups).toContain('pediatric_medical_care');
      expect(profile.groups).not.toContain('elderly');
      expect(profile.groups).not.toContain('dementia');
      expect(profile.homeCareSupportClinic).toBeNull();
    }
  });

  it('invents no home care for specialties and centres that do no home visits', () => {
    for (const name of ['うきた皮フ科', '岡山市こころの健康センター', '岡山画像診断センター', '眼科いしい']) {
      expect(keys.map((key) => demoProfileFor(key, 'clinic', { name })).filter(Boolean), name).toEqual([]);
    }
  });

  it('never invents a function or a backup designation for a psychiatric hospital', () => {
    for (const name of [
      '公益財団法人林精神医学研究所附属林道倫精神科神経科病院',
      '岡山県精神科医療センター',
      'テスト心療内科病院',
    ]) {
      for (const key of keys) {
        const profile = demoProfileFor(key, 'hospital', { name });
        expect(profile?.hospitalFunction, name).toBeNull();
        expect(profile?.isBackupHospital, name).toBe(false);
        // It takes psychiatric and dementia patients, not the elderly, children or cancer at large.
        expect(profile?.groups, name).toEqual(['psychiatric', 'dementia']);
      }
    }
    // A maternity or eye hospital takes none of the patients home care is about.
    for (const name of ['産科婦人科 浮田病院', 'テスト眼科病院']) {
      for (const key of keys) {
        const profile = demoProfileFor(key, 'hospital', { name });
        expect(profile?.groups, name).toEqual([]);
        expect(profile?.isBackupHospital, name).toBe(false);
      }
    }
    // A specialised hospital or centre is never made a backup hospital by the demo (only by its own declaration).
    for (const name of [
      '独立行政法人自動車事故対策機構 岡山療護センター',
      '旭川荘療育・医療センター',
      '公益財団法人岡山県健康づくり財団附属病院',
      '岡山済生会外来センター病院',
      '医療法人社団明和会 ペリネイト母と子の病院',
      '竜操整形外科病院',
    ]) {
      expect(isSpecialisedHospitalName(name), name).toBe(true);
      for (const key of keys) expect(demoProfileFor(key, 'hospital', { name })?.isBackupHospital, name).toBe(false);
    }
    for (const name of [
      '岡山市立市民病院',
      '独立行政法人国立病院機構 岡山医療センター',
      '川崎医科大学総合医療センター',
    ])
      expect(isSpecialisedHospitalName(name), name).toBe(false);
    // Other hospitals keep the values they always had (the same draws).
    const plain = keys.map((key) => demoProfileFor(key, 'hospital'));
    expect(keys.map((key) => demoProfileFor(key, 'hospital', { name: '岡山市立市民病院' }))).toEqual(plain);
    expect(
      plain.filter((profile) => profile?.isBackupHospital && profile.hospitalFunction === 'acute').length,
    ).toBeGreaterThan(20);
  });
});
