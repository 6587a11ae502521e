/**
 * The emergency chain over HTTP (急変時): the escalation of a patient at home at a moment — primary
 * doctor, secondary (from the primary's doctor pair when the team has none), the clinic on duty in
 * the published rotation (a holiday night of 憲法記念日 names the on-duty clinic), the area's
 * backup hospitals (acute first when acute; one that stopped admitting is skipped), then 119,
 * with per-area wait times; the emergency contact card (A4 and card-size PDF); acute events on the
 * timeline and their per-area summary with small counts suppressed; backup hospitals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { writeFileSync } from 'node:fs';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { pdfText } from '../../../test/helpers/pdf-text.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import { caseBody, homeCareProvider } from '../../../test/helpers/cases.js';
import { cases, doctorPairs } from '../../db/schema.js';

// Sunday 2026-05-10 10:00 JST: the week of ゴールデンウィーク is behind.
const start = new Date('2026-05-10T10:00:00+09:00');
const home = { lat: 34.6655, lng: 133.9185 }; // 北区, near Okayama station
const holidayNight = '2026-05-03T22:00:00+09:00'; // 憲法記念日, 22:00

const flat = (text: string) => text.replace(/\s+/g, '');

describe('the emergency chain (急変時): escalation, emergency card, acute events, backup hospitals', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;
  let association: Awaited<ReturnType<typeof signedInAs>>;
  let city: Awaited<ReturnType<typeof signedInAs>>;
  let stranger: Awaited<ReturnType<typeof signedInAs>>;
  let primary: { id: string; name: string; phone: string; token: string };
  let pairSecondary: { id: string; name: string };
  let nurse: { id: string; name: string; token: string };
  let acute: { id: string; name: string };
  let recovery: { id: string; name: string };
  let stopped: { id: string; name: string; token: string };
  let caseId: string;
  let groupId: string;
  let rosterId: string;
  let duties: { id: string; date: string; shift: string; organizationId: string; organizationName: string }[];

  const call = (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) =>
    api(app.baseUrl, method, path, { token, body, ...(headers ? { headers } : {}) });
  const escalationAt = (at: string, condition = 'acute', token = liaison.token) =>
    call('GET', `/api/v1/cases/${caseId}/escalation?at=${encodeURIComponent(at)}&condition=${condition}`, token);

  async function homeCareOrganization(kind: 'clinic' | 'visiting_nursing', name: string, extra = {}) {
    const { organization, token } = await homeCareProvider(app, home, kind, {
      name: `${name} ${randomUUID().slice(0, 4)}`,
      lat: home.lat + 0.004,
      lng: home.lng + 0.004,
      phone: `086-111-${String(Math.floor(Math.random() * 9000) + 1000)}`,
      availabilityUpdatedAt: start,
      ...extra,
    });
    return { id: organization.id, name: organization.name, phone: organization.phone ?? '', token };
  }

  async function backupHospital(name: string, hospitalFunction: string, distance: number) {
    return buildOrganization(app.database, {
      kind: 'hospital',
      name: `${name} ${randomUUID().slice(0, 4)}`,
      hospitalFunction,
      isBackupHospital: true,
      backupAreaCodes: ['33101'],
      lat: home.lat + distance,
      lng: home.lng,
      areaCode: '33101',
      phone: `086-222-${String(Math.floor(Math.random() * 9000) + 1000)}`,
    });
  }

  beforeAll(async () => {
    app = await startTestApp({ start, isolated: true });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `岡山テスト総合病院 ${randomUUID().slice(0, 4)}` });
    association = await signedInAs(app, 'association_admin', { name: `岡山市医師会 ${randomUUID().slice(0, 4)}` });
    city = await signedInAs(app, 'city_analyst');
    stranger = await signedInAs(app, 'provider');
    primary = await homeCareOrganization('clinic', '主治医クリニック', { professionalPhone: '086-999-0001' });
    nurse = await homeCareOrganization('visiting_nursing', '訪問看護ステーションあさひ');
    const secondary = await buildOrganization(app.database, {
      kind: 'clinic',
      name: `副主治医ペア医院 ${randomUUID().slice(0, 4)}`,
      phone: '086-333-0002',
    });
    pairSecondary = { id: secondary.id, name: secondary.name };
    await app.database.db.insert(doctorPairs).values({
      id: randomUUID(),
      areaCode: '33101',
      primaryOrganizationId: primary.id,
      secondaryOrganizationId: secondary.id,
      status: 'active',
      source: 'manual',
    });
    const acuteRow = await backupHospital('急性期病院E', 'acute', 0.05);
    acute = { id: acuteRow.id, name: acuteRow.name };
    const recoveryRow = await backupHospital('回復期病院F', 'recovery', 0.01);
    recovery = { id: recoveryRow.id, name: recoveryRow.name };
    const stoppedRow = await backupHospital('急性期病院G', 'acute', 0.005);
    const stoppedUser = await buildUser(app.database, { role: 'hospital_liaison', organizationId: stoppedRow.id });
    stopped = { id: stoppedRow.id, name: stoppedRow.name, token: await login(app, stoppedUser.email) };

    // The case: at home in 北区, primary doctor and nurse in the team, no secondary.
    const created = await call(
      'POST',
      '/api/v1/cases',
      liaison.token,
      caseBody(home, {
        patient: { address: '岡山市北区駅元町1-1' },
        plannedDischargeDate: '2026-05-20',
        keyPerson: { name: '岡山 太郎', relationship: '長男', phone: '090-0000-2222' },
        neededRoles: undefined,
      }),
    );
    expect(created.status).toBe(201);
    caseId = created.body.id;
    expect(created.body.patient?.areaCode ?? created.body.areaCode).toBe('33101');
    await call(
      'POST',
      `/api/v1/cases/${caseId}/route`,
      liaison.token,
      { route: 'direct' },
      {
        'if-match': `"${created.body.version}"`,
      },
    );
    for (const [role, organizationId] of [
      ['primary_doctor', primary.id],
      ['visiting_nurse', nurse.id],
    ] as const) {
      const added = await call('POST', `/api/v1/cases/${caseId}/team`, liaison.token, { role, organizationId });
      expect(added.status, added.text).toBe(201);
    }

    // The rotation of 北区: eight clinics of the association, May published.
    const members = [];
    for (let index = 0; index < 8; index += 1)
      members.push(
        await buildOrganization(app.database, {
          kind: 'clinic',
          name: `北区輪番医院${index} ${randomUUID().slice(0, 4)}`,
          associationId: association.organization!.id,
          phone: `086-444-${String(1000 + index)}`,
        }),
      );
    const group = await call('POST', '/api/v1/rotation-groups', association.token, {
      name: '北区夜間休日輪番',
      areaCode: '33101',
      memberOrganizationIds: members.map((member) => member.id),
    });
    expect(group.status).toBe(201);
    groupId = group.body.id;
    const roster = await call('POST', `/api/v1/rotation-groups/${group.body.id}/rosters`, association.token, {
      from: '2026-05-01',
      to: '2026-05-31',
      shifts: ['weeknight', 'holiday_day', 'holiday_night'],
    });
    expect(roster.status, roster.text).toBe(201);
    rosterId = roster.body.id;
    const published = await call('POST', `/api/v1/rosters/${rosterId}/publish`, association.token, undefined, {
      'if-match': `"${roster.body.version}"`,
    });
    expect(published.status).toBe(200);
    duties = published.body.duties;
  });
  afterAll(async () => {
    await app?.close();
  });

  const dutyOf = (date: string, shift: string) => {
    const found = duties.find((duty) => duty.date === date && duty.shift === shift);
    if (!found) throw new Error(`no duty ${date} ${shift}`);
    return found;
  };

  it('names the on-duty clinic of the rotation on a holiday night (憲法記念日 22:00)', async () => {
    const response = await escalationAt(holidayNight);
    expect(response.status, response.text).toBe(200);
    const body = response.body;
    expect(body).toMatchObject({ caseId, areaCode: '33101', areaName: '北区', dayKind: 'national_holiday' });
    expect(body.holidayName).toBe('憲法記念日');
    expect(body.at).toBe('2026-05-03T22:00:00.000+09:00');
    const roles = body.steps.map((step: { role: string }) => step.role);
    expect(roles.slice(0, 3)).toEqual(['primary_doctor', 'secondary_doctor', 'on_duty']);
    expect(roles[roles.length - 1]).toBe('emergency_119');
    expect(body.steps.map((step: { order: number }) => step.order)).toEqual(
      roles.map((_: unknown, index: number) => index + 1),
    );

    const onDuty = body.steps[2];
    const expected = dutyOf('2026-05-03', 'holiday_night');
    expect(onDuty.organization.id).toBe(expected.organizationId);
    expect(onDuty.organization.name).toBe(expected.organizationName);
    expect(onDuty.phone).toMatch(/^086-444-/);
    expect(onDuty.reason).toContain('北区夜間休日輪番');
    expect(onDuty.reason).toContain('休日夜間');
    expect(onDuty.duty).toMatchObject({ rosterId, date: '2026-05-03', shift: 'holiday_night', shiftLabel: '休日夜間' });
    expect(onDuty.duty.startsAt).toBe('2026-05-03T18:00:00.000+09:00');
    // 5/4 is a holiday too: the night ends when the day shift begins.
    expect(onDuty.duty.endsAt).toBe('2026-05-04T09:00:00.000+09:00');

    // Professionals calling get the clinic's professional line.
    expect(body.steps[0]).toMatchObject({
      role: 'primary_doctor',
      phone: '086-999-0001',
      organization: { id: primary.id },
      source: 'team',
      waitMinutes: 5,
    });
    // No secondary in the team: the primary's doctor pair fills in, and says so.
    expect(body.steps[1]).toMatchObject({
      role: 'secondary_doctor',
      organization: { id: pairSecondary.id },
      phone: '086-333-0002',
      source: 'pair',
    });
    expect(body.steps[1].reason).toMatch(/ペア/);
    const last = body.steps[body.steps.length - 1];
    expect(last).toMatchObject({ role: 'emergency_119', phone: '119', organization: null, waitMinutes: null });
  });

  it('keeps the same duty after midnight and finds the weeknight duty; none in weekday hours', async () => {
    const afterMidnight = await escalationAt('2026-05-04T03:00:00+09:00');
    const step = afterMidnight.body.steps.find((entry: { role: string }) => entry.role === 'on_duty');
    expect(step.organization.id).toBe(dutyOf('2026-05-03', 'holiday_night').organizationId);

    const weeknight = await escalationAt('2026-05-07T20:30:00+09:00');
    const night = weeknight.body.steps.find((entry: { role: string }) => entry.role === 'on_duty');
    expect(night.organization.id).toBe(dutyOf('2026-05-07', 'weeknight').organizationId);
    expect(night.duty.shift).toBe('weeknight');
    expect(weeknight.body.dayKind).toBe('working_day');

    const daytime = await escalationAt('2026-05-07T11:00:00+09:00');
    expect(daytime.body.steps.some((entry: { role: string }) => entry.role === 'on_duty')).toBe(false);
    expect(daytime.body.notes.join('')).toMatch(/当番時間外/);

    // Outside any published roster.
    const june = await escalationAt('2026-06-06T22:00:00+09:00');
    expect(june.body.steps.some((entry: { role: string }) => entry.role === 'on_duty')).toBe(false);
    expect(june.body.notes.join('')).toMatch(/公開済み輪番表/);
  });

  it("counts the day by the rotation's own calendar: a group that works national holidays makes 海の日 a working day", async () => {
    const marineDay = '2026-07-20T11:00:00+09:00'; // 海の日 (Monday), outside the published May roster
    expect((await escalationAt(marineDay)).body).toMatchObject({ dayKind: 'national_holiday' });
    const group = await call('GET', `/api/v1/rotation-groups/${groupId}`, association.token);
    const patch = (includeNationalHolidays: boolean, version: number) =>
      call(
        'PATCH',
        `/api/v1/rotation-groups/${groupId}`,
        association.token,
        { settings: { includeNationalHolidays } },
        { 'if-match': `"${version}"` },
      );
    const withoutHolidays = await patch(false, group.body.version);
    expect(withoutHolidays.status, withoutHolidays.text).toBe(200);
    try {
      const worked = await escalationAt(marineDay);
      expect(worked.body.dayKind).toBe('working_day');
      expect(worked.body.notes.join('')).toMatch(/当番時間外/);
    } finally {
      expect((await patch(true, withoutHolidays.body.version)).status).toBe(200);
    }
  });

  it('lets a hospital mark itself unable to admit; the chain skips it and puts acute hospitals first when acute', async () => {
    const own = await call('GET', `/api/v1/organizations/${stopped.id}`, stopped.token);
    const marked = await call(
      'PATCH',
      `/api/v1/organizations/${stopped.id}`,
      stopped.token,
      { backup: { unavailableUntil: '2026-05-05T09:00:00+09:00', unavailableNote: '病床満床のため' } },
      { 'if-match': `"${own.body.version}"` },
    );
    expect(marked.status, marked.text).toBe(200);
    expect(marked.body.backup).toMatchObject({
      unavailableUntil: '2026-05-05T09:00:00.000+09:00',
      unavailableNote: '病床満床のため',
    });
    // Another hospital cannot do it for it.
    const other = await signedInAs(app, 'hospital_liaison');
    expect(
      (
        await call(
          'PATCH',
          `/api/v1/organizations/${stopped.id}`,
          other.token,
          { backup: { unavailableUntil: null } },
          {
            'if-match': `"${marked.body.version}"`,
          },
        )
      ).status,
    ).toBe(403);

    const acuteChain = (await escalationAt(holidayNight, 'acute')).body;
    const backups = acuteChain.steps.filter((step: { role: string }) => step.role === 'backup_hospital');
    expect(backups.map((step: any) => step.organization.id)).toEqual([acute.id, recovery.id]);
    expect(backups[0].hospitalFunction).toBe('acute');
    expect(backups[0].reason).toMatch(/急性期の病院を先に/);
    expect(acuteChain.skipped).toEqual([
      expect.objectContaining({ role: 'backup_hospital', organization: expect.objectContaining({ id: stopped.id }) }),
    ]);
    expect(acuteChain.skipped[0].reason).toContain('病床満床のため');
    // The reasons as codes and values too, for the English page.
    expect(backups[0]).toMatchObject({ reasonCode: 'backup_area', reasonParams: { variant: 'acute_first' } });
    expect(acuteChain.skipped[0]).toMatchObject({
      reasonCode: 'backup_unavailable',
      reasonParams: { untilAt: expect.stringMatching(/\+09:00$/), variant: 'note' },
    });
    expect(acuteChain.steps.at(-1)).toMatchObject({ reasonCode: 'emergency_119', reasonParams: {} });

    const calmer = (await escalationAt(holidayNight, 'non_acute')).body;
    expect(
      calmer.steps
        .filter((step: { role: string }) => step.role === 'backup_hospital')
        .map((step: any) => step.organization.id),
    ).toEqual([recovery.id, acute.id]);

    // After the stop ends, it is back (the nearest acute hospital first).
    const later = (await escalationAt('2026-05-07T20:30:00+09:00')).body;
    expect(
      later.steps
        .filter((step: { role: string }) => step.role === 'backup_hospital')
        .map((step: any) => step.organization.id),
    ).toEqual([stopped.id, acute.id, recovery.id]);
    expect(later.skipped).toEqual([]);
  });

  it('lists the backup hospitals with function, areas and whether they admit now', async () => {
    const response = await call(
      'GET',
      `/api/v1/backup-hospitals?areaCode=33101&at=${encodeURIComponent(holidayNight)}`,
      stranger.token,
    );
    expect(response.status).toBe(200);
    const byId = new Map(response.body.items.map((item: any) => [item.organization.id, item]));
    expect(byId.get(acute.id)).toMatchObject({
      hospitalFunction: 'acute',
      functionLabel: '急性期',
      areas: [{ code: '33101', name: '北区' }],
      isAdmitting: true,
    });
    expect(byId.get(stopped.id)).toMatchObject({ isAdmitting: false, unavailableNote: '病床満床のため' });
    const recoveryOnly = await call('GET', '/api/v1/backup-hospitals?areaCode=33101&function=recovery', stranger.token);
    expect(recoveryOnly.body.items.map((item: any) => item.organization.id)).toEqual([recovery.id]);
    const elsewhere = await call('GET', '/api/v1/backup-hospitals?areaCode=33104', stranger.token);
    expect(elsewhere.body.items).toEqual([]);
  });

  it('uses the wait times of the area, set by the association', async () => {
    expect(
      (await call('PUT', '/api/v1/escalation-settings/33101', city.token, { waitMinutes: { on_duty: 15 } })).status,
    ).toBe(403);
    const refused = await call('PUT', '/api/v1/escalation-settings/33101', association.token, {
      waitMinutes: { on_duty: 500 },
    });
    expect(refused.status).toBe(400);
    const saved = await call('PUT', '/api/v1/escalation-settings/33101', association.token, {
      waitMinutes: { primary_doctor: 3, on_duty: 15 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.waitMinutes).toMatchObject({ primary_doctor: 3, secondary_doctor: 5, on_duty: 15 });
    expect(
      (await call('PUT', '/api/v1/escalation-settings/99999', association.token, { waitMinutes: {} })).status,
    ).toBe(404);
    const steps = (await escalationAt(holidayNight)).body.steps;
    expect(steps.find((step: any) => step.role === 'primary_doctor').waitMinutes).toBe(3);
    expect(steps.find((step: any) => step.role === 'on_duty').waitMinutes).toBe(15);
    expect(steps.find((step: any) => step.role === 'secondary_doctor').reason).toBeTruthy();
    const listed = await call('GET', '/api/v1/escalation-settings', stranger.token);
    expect(listed.body.items).toEqual([expect.objectContaining({ areaCode: '33101', areaName: '北区' })]);
  });

  it('is for those who care for the patient, and every read is audited', async () => {
    expect((await escalationAt(holidayNight, 'acute', stranger.token)).status).toBe(404);
    expect((await escalationAt(holidayNight, 'acute', nurse.token)).status).toBe(200);
    expect((await escalationAt(holidayNight, 'acute', association.token)).status).toBe(403);
    const badTime = await call('GET', `/api/v1/cases/${caseId}/escalation?at=tomorrow`, liaison.token);
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.code).toBe('validation_failed');
    const audit = await call('GET', `/api/v1/audit?entity=case&entityId=${caseId}&limit=200`, liaison.token);
    const reads = audit.body.items.filter((event: any) => event.details?.what === 'escalation');
    expect(reads.map((event: any) => event.actorOrganizationId)).toEqual(
      expect.arrayContaining([liaison.organization!.id, nurse.id]),
    );
  });

  it('prints the emergency contact card on A4 and card size, in Japanese, from the current team and roster', async () => {
    const a4 = await fetch(
      `${app.baseUrl}/api/v1/cases/${caseId}/emergency-card.pdf?size=a4&at=${encodeURIComponent(holidayNight)}`,
      { headers: { authorization: `Bearer ${nurse.token}` } },
    );
    expect(a4.status).toBe(200);
    expect(a4.headers.get('content-type')).toBe('application/pdf');
    const a4Pdf = Buffer.from(await a4.arrayBuffer());
    if (process.env.RENKEI_CARD_PDF_OUT) writeFileSync(`${process.env.RENKEI_CARD_PDF_OUT}-a4.pdf`, a4Pdf);
    expect(a4Pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a4Pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(a4Pdf.toString('latin1')).toMatch(/NotoSansJP/);
    expect(a4Pdf.length).toBeLessThan(400 * 1024);
    const text = flat(pdfText(a4Pdf));
    // The card goes to the patient's home: public numbers only, never the professional-only line.
    expect(text).not.toContain('086-999-0001');
    expect(text).toContain(primary.phone);
    for (const expected of [
      '緊急時連絡カード',
      '岡山花子様',
      '岡山太郎（長男）090-0000-2222',
      '119',
      flat(primary.name),
      flat(pairSecondary.name),
      '夜間・休日の当番医',
      flat(dutyOf('2026-05-03', 'holiday_night').organizationName),
      flat(dutyOf('2026-05-07', 'weeknight').organizationName),
      flat(acute.name),
      flat(nurse.name),
      '在宅チームや当番表が変わったら、新しいカードを印刷してください。',
      // The 出典 of the names and numbers printed from public data.
      '医療機関・事業所の名称・電話番号の出典：「コード内容別医療機関一覧表」',
    ])
      expect(text, expected).toContain(flat(expected));

    const card = await fetch(
      `${app.baseUrl}/api/v1/cases/${caseId}/emergency-card.pdf?size=card&at=${encodeURIComponent(holidayNight)}`,
      { headers: { authorization: `Bearer ${liaison.token}` } },
    );
    expect(card.status).toBe(200);
    const cardPdf = Buffer.from(await card.arrayBuffer());
    if (process.env.RENKEI_CARD_PDF_OUT) writeFileSync(`${process.env.RENKEI_CARD_PDF_OUT}-card.pdf`, cardPdf);
    const boxes = [...cardPdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
    expect(boxes).toHaveLength(2); // front and back
    expect(Number(boxes[0]?.[1])).toBeCloseTo(257.95, 1); // 91 mm
    expect(Number(boxes[0]?.[2])).toBeCloseTo(155.91, 1); // 55 mm
    const cardText = flat(pdfText(cardPdf));
    expect(cardText).toContain('岡山花子様');
    expect(cardText).toContain(flat(primary.name));
    expect(cardText).toContain(flat(dutyOf('2026-05-03', 'holiday_night').organizationName));
    expect(cardText).toContain('出典:厚生労働省の公開データを加工');
    // The instruction to reprint is printed whole on the back (it was cut 「新しいカー…」 after the 出典), and nothing
    // on the card's footers is cut with an ellipsis.
    expect(cardText).toContain(flat('在宅チームや当番表が変わったら、新しいカードを印刷してください。'));
    expect(cardText).toContain(flat('つながらなければ次の番号へ。裏面: 夜間・休日の当番医'));
    expect(cardText).not.toMatch(/新しいカー…|印刷…|当番医…/);

    // The team changes: the next card shows the new secondary doctor instead of the pair.
    const newSecondary = await homeCareOrganization('clinic', '新しい副主治医クリニック');
    expect(
      (
        await call('POST', `/api/v1/cases/${caseId}/team`, liaison.token, {
          role: 'secondary_doctor',
          organizationId: newSecondary.id,
        })
      ).status,
    ).toBe(201);
    const again = await fetch(
      `${app.baseUrl}/api/v1/cases/${caseId}/emergency-card.pdf?at=${encodeURIComponent(holidayNight)}`,
      {
        headers: { authorization: `Bearer ${liaison.token}` },
      },
    );
    const againText = flat(pdfText(Buffer.from(await again.arrayBuffer())));
    expect(againText).toContain(flat(newSecondary.name));
    expect(againText).not.toContain(flat(pairSecondary.name));
    const chain = (await escalationAt(holidayNight)).body.steps;
    expect(chain[1]).toMatchObject({ role: 'secondary_doctor', source: 'team', organization: { id: newSecondary.id } });

    expect((await call('GET', `/api/v1/cases/${caseId}/emergency-card.pdf?size=wallet`, liaison.token)).status).toBe(
      400,
    );
    expect((await call('GET', `/api/v1/cases/${caseId}/emergency-card.pdf`, stranger.token)).status).toBe(404);
  });

  it('records an acute event on the case timeline; bad input is refused', async () => {
    const onDuty = dutyOf('2026-05-03', 'holiday_night');
    const body = {
      occurredAt: '2026-05-03T22:05:00+09:00',
      calls: [
        { order: 1, role: 'primary_doctor', organizationId: primary.id, answered: false },
        { order: 2, role: 'secondary_doctor', organizationId: pairSecondary.id, answered: false },
        {
          order: 3,
          role: 'on_duty',
          organizationId: onDuty.organizationId,
          calledAt: '2026-05-03T22:16:00+09:00',
          answered: true,
          answeredAfterMinutes: 4,
          outcome: 'home_visit',
        },
      ],
      admitted: true,
      admittedHospitalId: acute.id,
      note: '呼吸苦の増悪。当番医が往診し急性期病院へ入院。',
    };
    const key = randomUUID();
    const created = await call('POST', `/api/v1/cases/${caseId}/acute-events`, nurse.token, body, {
      'idempotency-key': key,
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      caseId,
      occurredAt: '2026-05-03T22:05:00.000+09:00',
      admitted: true,
      admittedHospital: { id: acute.id, name: acute.name },
      reached119: false,
      respondedBy: { role: 'on_duty', organizationId: onDuty.organizationId, answeredAfterMinutes: 4 },
      areaCode: '33101',
    });
    expect(created.body.calls.map((entry: any) => entry.outcome)).toEqual(['no_answer', 'no_answer', 'home_visit']);
    const replay = await call('POST', `/api/v1/cases/${caseId}/acute-events`, nurse.token, body, {
      'idempotency-key': key,
    });
    expect(replay.body.id).toBe(created.body.id);

    const list = await call('GET', `/api/v1/cases/${caseId}/acute-events`, liaison.token);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: any) => item.id)).toEqual([created.body.id]);
    const timeline = await call('GET', `/api/v1/cases/${caseId}/timeline`, liaison.token);
    const entry = timeline.body.items.find((item: any) => item.kind === 'acute_event');
    expect(entry.summary).toContain('急変');
    expect(entry.summary).toContain('輪番の当番医');
    expect(entry.summary).toContain('4分で応答');
    expect(entry.summary).toContain(`${acute.name}に入院`);
    const notices = await call('GET', '/api/v1/notifications', primary.token);
    expect(notices.body.items.some((item: any) => item.kind === 'acute_event')).toBe(true);

    const bad = async (change: Record<string, unknown>) =>
      call('POST', `/api/v1/cases/${caseId}/acute-events`, nurse.token, { ...body, ...change });
    const with119 = await bad({
      calls: [{ order: 1, role: 'emergency_119', organizationId: primary.id, answered: true }],
      admitted: false,
      admittedHospitalId: null,
    });
    expect(with119.status).toBe(400);
    expect(with119.body.error.details[0].message).toMatch(/119番には組織を指定しません/);
    const future = await bad({ occurredAt: '2026-06-01T10:00:00+09:00' });
    expect(future.status).toBe(400);
    expect(future.body.error.details[0].message).toMatch(/未来/);
    const minutesWithoutAnswer = await bad({
      calls: [
        { order: 1, role: 'primary_doctor', organizationId: primary.id, answered: false, answeredAfterMinutes: 3 },
      ],
    });
    expect(minutesWithoutAnswer.status).toBe(400);
    const clinicAsHospital = await bad({ admittedHospitalId: primary.id });
    expect(clinicAsHospital.status).toBe(400);
    expect(clinicAsHospital.body.error.details[0].message).toMatch(/病院ではありません/);
    const duplicateOrder = await bad({
      calls: [
        { order: 1, role: 'primary_doctor', organizationId: primary.id, answered: false },
        { order: 1, role: 'emergency_119', answered: true },
      ],
    });
    expect(duplicateOrder.status).toBe(400);
    // Whom a call reached must fit the role it is recorded under.
    // (The team was formed at the start of the test clock: before it, the case had no primary doctor to check.)
    const wrongPrimary = await bad({
      occurredAt: start.toISOString(),
      calls: [{ order: 1, role: 'primary_doctor', organizationId: onDuty.organizationId, answered: true }],
      admitted: false,
      admittedHospitalId: null,
    });
    expect(wrongPrimary.status, wrongPrimary.text).toBe(400);
    expect(wrongPrimary.body.error.details[0]).toMatchObject({ path: 'calls.0.organizationId' });
    expect(wrongPrimary.body.error.details[0].message).toContain(
      `この時点の主治医ではありません（主治医: ${primary.name}）`,
    );
    const primaryAsSecondary = await bad({
      occurredAt: start.toISOString(),
      calls: [{ order: 1, role: 'secondary_doctor', organizationId: primary.id, answered: true }],
      admitted: false,
      admittedHospitalId: null,
    });
    expect(primaryAsSecondary.status).toBe(400);
    const clinicAsBackup = await bad({
      calls: [{ order: 1, role: 'backup_hospital', organizationId: primary.id, answered: true }],
    });
    expect(clinicAsBackup.status).toBe(400);
    expect(clinicAsBackup.body.error.details[0].message).toMatch(/病院ではないため/);
    expect((await call('POST', `/api/v1/cases/${caseId}/acute-events`, stranger.token, body)).status).toBe(404);
  });

  it('summarises acute events per area with counts under 10 suppressed', async () => {
    expect((await call('GET', '/api/v1/analytics/acute-events', primary.token)).status).toBe(403);
    const few = await call('GET', '/api/v1/analytics/acute-events?from=2026-05-01&to=2026-05-31', city.token);
    expect(few.status).toBe(200);
    // Every ward is listed, so that 北区's row (one event) says no more than the others: suppressed, the others 0.
    expect(few.body.areas).toEqual([
      expect.objectContaining({
        areaCode: '33101',
        areaName: '北区',
        isSuppressed: true,
        events: null,
        admissions: null,
      }),
      expect.objectContaining({ areaCode: '33102', areaName: '中区', isSuppressed: false, events: 0, admissions: 0 }),
      expect.objectContaining({ areaCode: '33103', events: 0 }),
      expect.objectContaining({ areaCode: '33104', events: 0 }),
    ]);
    // The total would be 北区's count again.
    expect(few.body.total).toMatchObject({ areaCode: null, events: null, isSuppressed: true });
    expect(few.body.suppressBelow).toBe(10);

    // Eleven more: ten answered by the primary doctor and admitted, one that reached 119.
    for (let index = 0; index < 11; index += 1) {
      const answered = index < 10;
      const response = await call('POST', `/api/v1/cases/${caseId}/acute-events`, liaison.token, {
        occurredAt: `2026-05-0${(index % 8) + 1}T21:00:00+09:00`,
        calls: answered
          ? [
              {
                order: 1,
                role: 'primary_doctor',
                organizationId: primary.id,
                answered: true,
                answeredAfterMinutes: index,
              },
            ]
          : [
              { order: 1, role: 'primary_doctor', organizationId: primary.id, answered: false },
              { order: 2, role: 'emergency_119', answered: true, answeredAfterMinutes: 1 },
            ],
        admitted: answered,
        admittedHospitalId: answered ? recovery.id : null,
      });
      expect(response.status).toBe(201);
    }
    const summary = await call(
      'GET',
      '/api/v1/analytics/acute-events?from=2026-05-01&to=2026-05-31',
      association.token,
    );
    const north = summary.body.areas.find((area: any) => area.areaCode === '33101');
    // Eleven of twelve would tell that one went otherwise: a part is shown only when it and the rest are ≥ 10 (and 10 of
    // 12 answered by the primary doctor would tell that 2 were not).
    expect(north).toMatchObject({
      isSuppressed: false,
      events: 12,
      responded: null, // 11 of 12
      admissions: null, // 11 of 12
      reached119: null, // 1 < 10
    });
    // No first answer by the secondary doctor: 0 is nobody and is shown.
    expect(north.respondedBy).toMatchObject({ primary_doctor: null, on_duty: null, secondary_doctor: 0 });
    // First answers: 0–9 minutes and the on-duty clinic's 4 → the median of eleven is 4.
    expect(north.medianMinutesToAnswer).toBe(4);
    expect(summary.body.total.events).toBe(12);
    // Ten more that only 119 answered, none admitted: now each part and its rest are ≥ 10, and shown.
    for (let index = 0; index < 10; index += 1) {
      const response = await call('POST', `/api/v1/cases/${caseId}/acute-events`, liaison.token, {
        occurredAt: `2026-05-0${(index % 8) + 1}T23:${10 + index}:00+09:00`,
        calls: [
          { order: 1, role: 'primary_doctor', organizationId: primary.id, answered: false },
          { order: 2, role: 'emergency_119', answered: true, answeredAfterMinutes: 2 },
        ],
        admitted: false,
        admittedHospitalId: null,
      });
      expect(response.status, response.text).toBe(201);
    }
    const more = await call('GET', '/api/v1/analytics/acute-events?from=2026-05-01&to=2026-05-31', city.token);
    const northNow = more.body.areas.find((area: any) => area.areaCode === '33101');
    expect(northNow).toMatchObject({ events: 22, responded: 11, admissions: 11, reached119: 11 });
    // 11 answered: 10 by the primary doctor would give the on-duty clinic's 1 back, so neither is shown.
    expect(northNow.respondedBy).toMatchObject({ primary_doctor: null, on_duty: null, secondary_doctor: 0 });
    expect(more.body.areas.map((area: any) => [area.areaCode, area.events])).toEqual([
      ['33101', 22],
      ['33102', 0],
      ['33103', 0],
      ['33104', 0],
    ]);
    expect(more.body.total).toMatchObject({ events: 22, responded: 11 });
    const none = await call('GET', '/api/v1/analytics/acute-events?from=2026-04-01&to=2026-04-30', city.token);
    expect(none.body.areas.map((area: any) => [area.areaCode, area.events, area.isSuppressed])).toEqual([
      ['33101', 0, false],
      ['33102', 0, false],
      ['33103', 0, false],
      ['33104', 0, false],
    ]);
    expect((await call('GET', '/api/v1/analytics/acute-events?from=2026-05-31&to=2026-05-01', city.token)).status).toBe(
      400,
    );
  });

  it('never answers bad input with a 5xx (random acute events and times)', async () => {
    const time = fc.oneof(
      fc
        .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2110-01-01T00:00:00Z'), noInvalidDate: true })
        .map((value) => value.toISOString()),
      fc.constantFrom('0000-01-01T00:00:00+09:00', '9999-12-31T23:59:59+09:00', '2026-05-03T25:00:00+09:00', 'now', ''),
    );
    const organizationId = fc.oneof(fc.constantFrom(primary.id, acute.id, nurse.id), fc.uuid(), fc.constant(null));
    const callRecord = fc.record(
      {
        order: fc.oneof(fc.integer({ min: -1, max: 25 }), fc.anything()),
        role: fc.constantFrom(
          'primary_doctor',
          'secondary_doctor',
          'on_duty',
          'backup_hospital',
          'emergency_119',
          'nurse',
        ),
        organizationId,
        calledAt: time,
        answered: fc.oneof(fc.boolean(), fc.anything()),
        answeredAfterMinutes: fc.oneof(fc.double({ min: -5, max: 2000, noNaN: true }), fc.anything()),
        outcome: fc.constantFrom('advice', 'home_visit', 'x'),
      },
      { requiredKeys: ['role'] },
    );
    const body = fc.record(
      {
        occurredAt: time,
        calls: fc.oneof(fc.array(callRecord, { maxLength: 6 }), fc.anything()),
        admitted: fc.oneof(fc.boolean(), fc.anything()),
        admittedHospitalId: organizationId,
        note: fc.oneof(fc.string(), fc.anything()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const response = await call('POST', `/api/v1/cases/${caseId}/acute-events`, nurse.token, input);
        expect([201, 400], response.text).toContain(response.status);
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(time, fc.constantFrom('acute', 'non_acute', 'x'), async (at, condition) => {
        const response = await call(
          'GET',
          `/api/v1/cases/${caseId}/escalation?at=${encodeURIComponent(at)}&condition=${condition}`,
          liaison.token,
        );
        expect([200, 400], response.text).toContain(response.status);
        const card = await call(
          'GET',
          `/api/v1/cases/${caseId}/emergency-card.pdf?at=${encodeURIComponent(at)}&size=card`,
          liaison.token,
        );
        expect([200, 400]).toContain(card.status);
      }),
      { numRuns: 15 },
    );
  });

  it('refuses an acute event after the patient died, and takes one of the day of death', async () => {
    await app.database.db
      .update(cases)
      .set({ outcome: 'died_home', outcomeOn: '2026-05-05' })
      .where(eq(cases.id, caseId));
    try {
      const body = {
        occurredAt: '2026-05-06T09:00:00+09:00',
        calls: [{ order: 1, role: 'emergency_119', answered: true }],
        admitted: false,
        admittedHospitalId: null,
      };
      const after = await call('POST', `/api/v1/cases/${caseId}/acute-events`, nurse.token, body);
      expect(after.status, after.text).toBe(400);
      expect(after.body.error.details[0]).toMatchObject({ path: 'occurredAt' });
      expect(after.body.error.details[0].message).toContain('2026年5月5日(火)に亡くなっています');
      const thatDay = await call('POST', `/api/v1/cases/${caseId}/acute-events`, nurse.token, {
        ...body,
        occurredAt: '2026-05-05T03:00:00+09:00',
      });
      expect(thatDay.status, thatDay.text).toBe(201);
    } finally {
      await app.database.db.update(cases).set({ outcome: null, outcomeOn: null }).where(eq(cases.id, caseId));
    }
  });
  it('says first, for a patient in end-of-life care who wishes to die at home, to call the doctor or nurse, not 119', async () => {
    const [before] = await app.database.db
      .select({ groups: cases.groups, acp: cases.acp })
      .from(cases)
      .where(eq(cases.id, caseId));
    await app.database.db
      .update(cases)
      .set({ groups: [...before!.groups, 'terminal_care'], acp: { preferredPlaceOfDeath: 'home' } })
      .where(eq(cases.id, caseId));
    try {
      const response = await escalationAt(holidayNight, 'acute');
      expect(response.status, response.text).toBe(200);
      expect(response.body.noteDetails[0]).toMatchObject({ code: 'home_death_wish' });
      expect(response.body.notes[0]).toContain('119番ではなく、まず主治医・訪問看護に連絡');
      expect(response.body.steps[0].role).toBe('primary_doctor');
    } finally {
      await app.database.db.update(cases).set({ groups: before!.groups, acp: before!.acp }).where(eq(cases.id, caseId));
    }
  });
});
