/**
 * The demo: public bodies the open data lacks, membership of clinics in the medical association,
 * invented (and marked) capability profiles, and the demo logins of CONTRACT §4.
 * Idempotent: a second run inserts nothing and changes nothing a user has edited.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.js';
import { organizations, users } from '../../db/schema.js';
import { normalizeForSearch } from '../../platform/text.js';
import { hashPassword } from '../../platform/passwords.js';
import type { Role } from '../../domain/codes.js';
import { okayamaFiles } from './okayama-files.js';
import { demoProfileFor, isSpecialisedHospitalName } from './demo-profiles.js';
import { withOfficialProcedures } from '../../domain/directory/official-capabilities.js';
import { isPsychiatricHospitalName } from '../../domain/escalation/psychiatric.js';

export const demoPassword = 'renkei-demo-2026';

export type DemoLogin = { email: string; role: Role; organizationName: string | null };

const dayMs = 24 * 60 * 60 * 1000;

async function insertDemoOrganizations(tx: Tx, now: Date): Promise<void> {
  const records = okayamaFiles.demoOrganizations();
  await tx
    .insert(organizations)
    .values(
      records.map((record) => ({
        id: randomUUID(),
        sourceKey: record.sourceKey,
        kind: record.kind,
        name: record.name,
        nameKana: record.nameKana,
        searchText: normalizeForSearch(`${record.name} ${record.nameKana ?? ''}`),
        address: record.address,
        areaCode: record.areaCode,
        lat: record.lat,
        lng: record.lng,
        geocodePrecision: record.lat === null ? null : 'machiaza',
        phone: record.phone,
        source: 'demo',
        isDemo: true,
        coverageAreaCodes:
          record.kind === 'community_support_center' || record.kind === 'welfare_office' ? [record.areaCode] : [],
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();
}

async function findBySourceKind(tx: Tx, kind: string) {
  const [row] = await tx
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.kind, kind), eq(organizations.isDemo, true)))
    .orderBy(asc(organizations.sourceKey))
    .limit(1);
  return row ?? null;
}

/** The first organisation of a kind in 北区 (optionally the first whose name matches `preferred`). */
async function pickInKita(tx: Tx, kind: string, preferred?: string | RegExp) {
  const rows = await tx
    .select({
      id: organizations.id,
      name: organizations.name,
      sourceKey: organizations.sourceKey,
      geocodePrecision: organizations.geocodePrecision,
    })
    .from(organizations)
    .where(and(eq(organizations.kind, kind), eq(organizations.areaCode, '33101'), eq(organizations.isDemo, false)))
    .orderBy(asc(organizations.sourceKey));
  const located = rows.filter((row) => row.geocodePrecision !== null && row.geocodePrecision !== 'ward');
  const matches = (name: string) =>
    preferred === undefined ? false : typeof preferred === 'string' ? name.includes(preferred) : preferred.test(name);
  return located.find((row) => matches(row.name)) ?? located[0] ?? rows[0] ?? null;
}

/** The first organisation of `kind` anywhere in the city whose name matches (by official code), or null. */
async function pickByName(tx: Tx, kind: string, pattern: RegExp) {
  const rows = await tx
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.kind, kind), eq(organizations.isDemo, false)))
    .orderBy(asc(organizations.sourceKey));
  return rows.find((row) => pattern.test(row.name)) ?? null;
}

async function applyDemoProfiles(tx: Tx, now: Date, forcedHomeCareClinicId: string | null): Promise<void> {
  const candidates = await tx
    .select({
      id: organizations.id,
      sourceKey: organizations.sourceKey,
      kind: organizations.kind,
      name: organizations.name,
      areaCode: organizations.areaCode,
      kaigoServices: organizations.kaigoServices,
    })
    .from(organizations)
    .where(
      and(
        inArray(organizations.kind, [
          'clinic',
          'hospital',
          'visiting_nursing',
          'visiting_rehab',
          'care_management',
          'community_support_center',
        ]),
        isNull(organizations.availabilityUpdatedAt),
        sql`cardinality(${organizations.groups}) = 0`,
      ),
    );
  for (const candidate of candidates) {
    const profile = demoProfileFor(candidate.sourceKey ?? candidate.id, candidate.kind, {
      forceHomeCare: candidate.id === forcedHomeCareClinicId,
      name: candidate.name,
    });
    if (!profile) continue;
    await tx
      .update(organizations)
      .set({
        groups: profile.groups,
        // What the official data says (訪問リハ → rehabilitation) stays under the invented profile.
        procedures: withOfficialProcedures(profile.procedures, candidate.kaigoServices),
        isAvailable24h: profile.isAvailable24h,
        coverageRadiusKm: profile.coverageRadiusKm,
        ...(candidate.kind === 'community_support_center' && candidate.areaCode
          ? { coverageAreaCodes: [candidate.areaCode] }
          : {}),
        homeCareSupportClinic: profile.homeCareSupportClinic,
        isHomeVisitOnly: profile.isHomeVisitOnly,
        hospitalFunction: profile.hospitalFunction,
        isBackupHospital: profile.isBackupHospital,
        declaredCapacity: profile.declaredCapacity,
        backupAreaCodes: profile.isBackupHospital && candidate.areaCode ? [candidate.areaCode] : [],
        availabilityStatus: profile.availability?.status ?? null,
        freeSlots: profile.availability?.freeSlots ?? null,
        availabilityUpdatedAt: profile.availability
          ? new Date(now.getTime() - profile.availability.ageDays * dayMs)
          : null,
        availabilityNote: profile.availability ? 'デモ用の値です' : null,
        isDemoProfile: true,
        isDemoAvailability: Boolean(profile.availability),
      })
      .where(eq(organizations.id, candidate.id));
  }
}

/** Loads the demo on top of the reference data; returns the logins to print. */
export async function seedDemo(database: Database, now: Date): Promise<DemoLogin[]> {
  const passwordHash = await hashPassword(demoPassword);
  return database.transaction(async (tx) => {
    await insertDemoOrganizations(tx, now);
    const center = await findBySourceKind(tx, 'coordination_center');
    const association = await findBySourceKind(tx, 'medical_association');
    const city = await findBySourceKind(tx, 'city');
    const hospital = await pickInKita(tx, 'hospital', '市民病院');
    // A recovery (回復期リハビリ) hospital with a liaison of its own: where a 転院 (transfer) can go in the demo — a
    // hospital nobody uses Renkei at cannot take a case over.
    const rehabilitation = await pickByName(tx, 'hospital', /リハビリテーション病院/);
    const recovery = rehabilitation && rehabilitation.id !== hospital?.id ? rehabilitation : null;
    // The demo's home-care doctor: a clinic whose name says it visits homes (not, say, a paediatric one).
    const clinic = await pickInKita(tx, 'clinic', /訪問診療|在宅/);
    const nursing = await pickInKita(tx, 'visiting_nursing');
    const careManagement = await pickInKita(tx, 'care_management');

    if (association) {
      // The 医師会's members are the clinics (its admins manage their providers and profiles,
      // user-policy.ts isAssociationMember); hospitals are not members. An earlier demo attached
      // the hospitals too: they are detached.
      await tx
        .update(organizations)
        .set({ associationId: association.id })
        .where(and(eq(organizations.kind, 'clinic'), isNull(organizations.associationId)));
      await tx
        .update(organizations)
        .set({ associationId: null })
        .where(and(eq(organizations.kind, 'hospital'), eq(organizations.associationId, association.id)));
    }
    await applyDemoProfiles(tx, now, clinic?.id ?? null);
    if (hospital) {
      await tx
        .update(organizations)
        .set({
          hospitalFunction: 'acute',
          isBackupHospital: true,
          backupAreaCodes: ['33101', '33102', '33103', '33104'],
        })
        .where(and(eq(organizations.id, hospital.id), eq(organizations.isDemoProfile, true)));
    }
    if (recovery) {
      await tx
        .update(organizations)
        .set({ hospitalFunction: 'recovery' })
        .where(and(eq(organizations.id, recovery.id), eq(organizations.isDemoProfile, true)));
    }
    // An earlier demo invented a function and a backup designation for psychiatric hospitals too (one came up as
    // the acute backup of a sudden worsening): taken back wherever the values are still the demo's own.
    const demoHospitals = await tx
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(and(eq(organizations.kind, 'hospital'), eq(organizations.isDemoProfile, true)));
    const psychiatric = demoHospitals.filter((row) => isPsychiatricHospitalName(row.name)).map((row) => row.id);
    if (psychiatric.length > 0)
      await tx
        .update(organizations)
        .set({ hospitalFunction: null, isBackupHospital: false, backupAreaCodes: [] })
        .where(inArray(organizations.id, psychiatric));
    // A specialised hospital or centre (療護センター, 療育, 健診 …) was made a backup hospital too: taken back where the
    // designation is still the demo's own (a hospital that declared it keeps it).
    const specialised = demoHospitals
      .filter((row) => !isPsychiatricHospitalName(row.name) && isSpecialisedHospitalName(row.name))
      .map((row) => row.id);
    if (specialised.length > 0)
      await tx
        .update(organizations)
        .set({ isBackupHospital: false, backupAreaCodes: [] })
        .where(inArray(organizations.id, specialised));

    const logins: { email: string; name: string; role: Role; organization: { id: string; name: string } | null }[] = [
      { email: 'admin@demo.renkei.jp', name: 'システム管理者（デモ）', role: 'admin', organization: null },
      {
        email: 'center@demo.renkei.jp',
        name: 'センター 調整員（デモ）',
        role: 'center_coordinator',
        organization: center,
      },
      {
        email: 'liaison@demo.renkei.jp',
        name: '連携室 看護師（デモ）',
        role: 'hospital_liaison',
        organization: hospital,
      },
      ...(recovery
        ? [
            {
              email: 'kaifukuki@demo.renkei.jp',
              name: '回復期病院 連携室（デモ）',
              role: 'hospital_liaison' as const,
              organization: recovery,
            },
          ]
        : []),
      { email: 'clinic@demo.renkei.jp', name: '在宅医 医師（デモ）', role: 'provider', organization: clinic },
      { email: 'nurse@demo.renkei.jp', name: '訪問看護 看護師（デモ）', role: 'provider', organization: nursing },
      {
        email: 'caremanager@demo.renkei.jp',
        name: 'ケアマネジャー（デモ）',
        role: 'provider',
        organization: careManagement,
      },
      {
        email: 'ishikai@demo.renkei.jp',
        name: '医師会 事務局（デモ）',
        role: 'association_admin',
        organization: association,
      },
      { email: 'city@demo.renkei.jp', name: '岡山市 分析担当（デモ）', role: 'city_analyst', organization: city },
    ];
    for (const login of logins) {
      await tx
        .insert(users)
        .values({
          id: randomUUID(),
          email: login.email,
          name: login.name,
          role: login.role,
          organizationId: login.organization?.id ?? null,
          passwordHash,
          isDemo: true,
          createdAt: now,
          updatedAt: now,
          passwordChangedAt: now,
        })
        .onConflictDoNothing();
    }
    const stored = await tx
      .select({ email: users.email, role: users.role, organizationName: organizations.name })
      .from(users)
      .leftJoin(organizations, eq(organizations.id, users.organizationId))
      .where(
        inArray(
          users.email,
          logins.map((login) => login.email),
        ),
      );
    const byEmail = new Map(stored.map((row) => [row.email, row]));
    return logins.map((login) => ({
      email: login.email,
      role: login.role,
      organizationName: byEmail.get(login.email)?.organizationName ?? null,
    }));
  });
}
