/**
 * Invented capability profiles and availability for the demo (the open data has none).
 * Deterministic per organisation (hashed from its source key) and always marked as demo values.
 */
import { createHash } from 'node:crypto';
import type { PatientGroup, Procedure } from '../../domain/codes.js';
import { isPsychiatricHospitalName } from '../../domain/escalation/psychiatric.js';

export type DemoProfile = {
  groups: PatientGroup[];
  procedures: Procedure[];
  isAvailable24h: boolean;
  coverageRadiusKm: number | null;
  homeCareSupportClinic: 'enhanced_single' | 'enhanced_network' | 'standard' | null;
  isHomeVisitOnly: boolean;
  hospitalFunction: 'advanced_acute' | 'acute' | 'recovery' | 'chronic' | null;
  isBackupHospital: boolean;
  /** Home patients it says it can look after. */
  declaredCapacity: number | null;
  availability: { status: 'accepting' | 'limited' | 'full'; freeSlots: number; ageDays: number } | null;
};

/** A small deterministic generator seeded by a string. */
function randomFrom(seed: string) {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0) || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
  return {
    next,
    chance: (probability: number) => next() < probability,
    between: (low: number, high: number) => low + Math.floor(next() * (high - low + 1)),
    pick<T>(items: readonly T[], probability: number): T[] {
      return items.filter(() => next() < probability);
    },
  };
}

function availabilityFor(random: ReturnType<typeof randomFrom>, capacity: number) {
  const roll = random.next();
  const status = roll < 0.6 ? 'accepting' : roll < 0.8 ? 'limited' : 'full';
  const freeSlots = status === 'full' ? 0 : random.between(1, capacity);
  // Most providers updated recently; about a quarter let it go stale (> 14 days).
  const ageDays = random.chance(0.75) ? random.between(0, 12) : random.between(15, 60);
  return { status, freeSlots, ageDays } as const;
}

const none: DemoProfile = {
  groups: [],
  procedures: [],
  isAvailable24h: false,
  coverageRadiusKm: null,
  homeCareSupportClinic: null,
  isHomeVisitOnly: false,
  hospitalFunction: null,
  isBackupHospital: false,
  declaredCapacity: null,
  availability: null,
};

/**
 * Clinic names of specialties that seldom do home visits (眼科, 皮膚科, 耳鼻咽喉科, 美容, 産婦人科 …) and of
 * public or diagnostic centres that do none (こころの健康センター, 画像診断, 健診).
 */
const unlikelyHomeCare =
  /眼科|皮膚|皮フ|ひふ|耳鼻|美容|形成|産婦|婦人科|レディース|矯正|不妊|アイ(クリニック)?$|スキン|センター|画像診断|健診|検診|ドック/;
/** Hospitals of a specialty home care does not send patients to (産科・婦人科, 眼科). */
const narrowSpecialtyHospital = /産婦|産科|婦人科|レディース|眼科|母と子/;
/**
 * Specialised hospitals and centres (療護センター for brain injuries from road accidents, 療育 for severely disabled
 * children, a health-check or outpatient centre, one organ or specialty): the demo invents no backup-hospital
 * designation for them — only the hospital itself can declare it (PATCH organizations/:id) — so they never come up
 * as the backup of a sudden worsening at home.
 */
const specialisedHospital = /療護|療育|健康づくり|健診|検診|外来センター|整形外科|脳神経外科|心臓病|がんセンター/;

/** Whether the demo gives no invented backup designation to a hospital of this name (specialised or psychiatric). */
export function isSpecialisedHospitalName(name: string): boolean {
  return specialisedHospital.test(name) || narrowSpecialtyHospital.test(name);
}
/** Paediatric clinics: a demo profile for children, never for elderly or dementia care. */
const paediatric = /小児|こども|子ども|キッズ|あかちゃん|ベビー/;

/** The profile of one organisation, or null when the demo gives it none (e.g. clinics without home visits). */
export function demoProfileFor(
  sourceKey: string,
  kind: string,
  options: { forceHomeCare?: boolean; name?: string } = {},
): DemoProfile | null {
  const random = randomFrom(sourceKey);
  switch (kind) {
    case 'clinic': {
      if (!options.forceHomeCare && !random.chance(0.4)) return null;
      // Specialties that rarely visit patients at home get no invented home-care profile.
      if (!options.forceHomeCare && options.name && unlikelyHomeCare.test(options.name)) return null;
      if (!options.forceHomeCare && options.name && paediatric.test(options.name) && !/内科/.test(options.name)) {
        return {
          ...none,
          groups: ['pediatric_medical_care', ...random.pick(['disability', 'intractable_disease'] as const, 0.4)],
          procedures: random.pick(
            ['suction', 'tube_feeding', 'tracheostomy', 'ventilator', 'home_oxygen'] as const,
            0.5,
          ),
          isAvailable24h: random.chance(0.3),
          coverageRadiusKm: random.between(3, 12),
          declaredCapacity: random.between(3, 15),
          availability: availabilityFor(random, 3),
        };
      }
      const groups: PatientGroup[] = [
        'elderly',
        ...random.pick(
          ['dementia', 'cancer', 'terminal_care', 'intractable_disease', 'disability', 'psychiatric'] as const,
          0.45,
        ),
      ];
      if (random.chance(0.08)) groups.push('pediatric_medical_care');
      const procedures = random.pick(
        [
          'home_oxygen',
          'tube_feeding',
          'urinary_catheter',
          'pressure_ulcer',
          'opioid_pain_control',
          'central_venous_nutrition',
          'suction',
          'tracheostomy',
          'ventilator',
          'insulin',
        ] as const,
        0.45,
      );
      const support = random.next();
      return {
        ...none,
        groups: options.forceHomeCare ? ['elderly', 'dementia', 'cancer', 'terminal_care'] : groups,
        procedures: options.forceHomeCare
          ? ['home_oxygen', 'opioid_pain_control', 'pressure_ulcer', 'tube_feeding', 'urinary_catheter', 'ventilator']
          : procedures,
        isAvailable24h: options.forceHomeCare || support < 0.5,
        coverageRadiusKm: options.forceHomeCare ? 16 : random.between(3, 16),
        homeCareSupportClinic: options.forceHomeCare
          ? 'enhanced_network'
          : support < 0.1
            ? 'enhanced_single'
            : support < 0.3
              ? 'enhanced_network'
              : support < 0.5
                ? 'standard'
                : null,
        isHomeVisitOnly: random.chance(0.04),
        declaredCapacity: options.forceHomeCare ? 40 : random.between(8, 60),
        availability: options.forceHomeCare
          ? { status: 'accepting', freeSlots: 5, ageDays: 1 }
          : availabilityFor(random, 8),
      };
    }
    case 'hospital': {
      const roll = random.next();
      // A psychiatric hospital (by its name) gets no invented function and is never made a backup hospital:
      // its beds are not in 病床機能報告, and it is not where a physical sudden worsening goes. It takes
      // psychiatric and dementia patients only.
      const isPsychiatric = options.name !== undefined && isPsychiatricHospitalName(options.name);
      const isSpecialised = options.name !== undefined && specialisedHospital.test(options.name);
      // A maternity or eye hospital takes none of the patients home care is about.
      if (options.name !== undefined && narrowSpecialtyHospital.test(options.name)) {
        return { ...none, hospitalFunction: 'acute', availability: availabilityFor(random, 10) };
      }
      const drawnGroups = random.pick(
        ['cancer', 'terminal_care', 'intractable_disease', 'dementia', 'pediatric_medical_care'] as const,
        0.5,
      );
      return {
        ...none,
        groups: isPsychiatric ? ['psychiatric', 'dementia'] : ['elderly', ...drawnGroups],
        procedures: random.pick(
          [
            'home_oxygen',
            'ventilator',
            'tracheostomy',
            'central_venous_nutrition',
            'dialysis',
            'opioid_pain_control',
          ] as const,
          0.5,
        ),
        hospitalFunction: isPsychiatric
          ? null
          : roll < 0.1
            ? 'advanced_acute'
            : roll < 0.55
              ? 'acute'
              : roll < 0.85
                ? 'recovery'
                : 'chronic',
        // The draw is made for every hospital, so the others keep the values they always had.
        isBackupHospital: random.chance(0.5) && !isPsychiatric && !isSpecialised,
        isAvailable24h: true,
        availability: availabilityFor(random, 10),
      };
    }
    case 'visiting_nursing': {
      if (!options.forceHomeCare && options.name && paediatric.test(options.name) && !/内科/.test(options.name)) {
        return {
          ...none,
          groups: ['pediatric_medical_care', ...random.pick(['disability', 'intractable_disease'] as const, 0.4)],
          procedures: random.pick(
            ['suction', 'tube_feeding', 'tracheostomy', 'ventilator', 'home_oxygen'] as const,
            0.5,
          ),
          isAvailable24h: random.chance(0.3),
          coverageRadiusKm: random.between(3, 12),
          declaredCapacity: random.between(3, 15),
          availability: availabilityFor(random, 3),
        };
      }
      const groups: PatientGroup[] = [
        'elderly',
        ...random.pick(
          ['dementia', 'cancer', 'terminal_care', 'intractable_disease', 'psychiatric', 'disability'] as const,
          0.55,
        ),
      ];
      if (random.chance(0.2)) groups.push('pediatric_medical_care');
      return {
        ...none,
        groups,
        procedures: random.pick(
          [
            'home_oxygen',
            'ventilator',
            'tracheostomy',
            'suction',
            'tube_feeding',
            'central_venous_nutrition',
            'opioid_pain_control',
            'urinary_catheter',
            'pressure_ulcer',
            'stoma',
            'insulin',
            'rehabilitation',
          ] as const,
          0.55,
        ),
        isAvailable24h: random.chance(0.7),
        coverageRadiusKm: random.between(5, 20),
        declaredCapacity: random.between(20, 90),
        availability: availabilityFor(random, 10),
      };
    }
    case 'visiting_rehab':
      return {
        ...none,
        groups: ['elderly', ...random.pick(['disability', 'intractable_disease', 'dementia'] as const, 0.5)],
        procedures: ['rehabilitation'],
        coverageRadiusKm: random.between(5, 15),
        availability: availabilityFor(random, 6),
      };
    case 'care_management':
      return {
        ...none,
        groups: ['elderly', ...random.pick(['dementia', 'terminal_care', 'disability', 'cancer'] as const, 0.5)],
        coverageRadiusKm: random.between(5, 15),
        declaredCapacity: random.between(30, 120),
        availability: availabilityFor(random, 12),
      };
    case 'community_support_center':
      return {
        ...none,
        groups: ['elderly', 'dementia'],
        availability: { status: 'accepting', freeSlots: 20, ageDays: 2 },
      };
    default:
      return null;
  }
}
