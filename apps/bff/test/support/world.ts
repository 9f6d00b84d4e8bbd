import { JwtService } from '@nestjs/jwt';
import { AreaLevel, Role, UnitKind } from '@msb/shared-types';
import { QrService } from '../../src/qr/qr.service';
import { OrgService } from '../../src/org/org.service';
import type { TestApp } from './test-app';

export interface Actor {
  id: string;
  token: string;
  name: string;
}

/**
 * A small city for permission tests: two companies, each serving one complex in its own community,
 * staff/managers per complex, a property team, an outside department, mediators per community,
 * oversight at street and city level, an admin and owners.
 */
export interface World {
  communityA: number; communityB: number; street: number;
  complexA: number; complexB: number;
  spotA: number; spotB: number; buildingA: number;
  qrA: string; qrB: string;
  teamA: number; deptCg: number;
  ownerA: Actor; ownerA2: Actor; ownerB: Actor;
  staffA: Actor; staffA2: Actor; teamStaffA: Actor; managerA: Actor;
  staffB: Actor; managerB: Actor;
  dept: Actor; mediatorA: Actor; mediatorB: Actor;
  oversightStreet: Actor; oversightCity: Actor; admin: Actor;
  /** An open ticket of complex A that duplicates are merged into (set by specs that merge). */
  openA?: string;
  /** Head of the outside department (decides its handlers' extension requests). */
  deptHead: Actor;
}

let phoneSeq = 0;

export async function buildWorld(t: TestApp): Promise<World> {
  const ds = t.ds;
  const jwt = t.app.get(JwtService);
  const ins = async (sql: string, params: unknown[]) => Number((await ds.query(sql, params)).insertId);
  const area = (level: AreaLevel, name: string, parent: number | null) => ins('INSERT INTO areas (level, name, parent_id) VALUES (?, ?, ?)', [level, name, parent]);
  const actor = async (name: string, roles: { role: Role; companyId?: number; complexId?: number; unitId?: number; areaId?: number }[]): Promise<Actor> => {
    phoneSeq += 1;
    const id = String(await ins('INSERT INTO users (name, phone) VALUES (?, ?)', [name, `177${String(Date.now() % 1e4).padStart(4, '0')}${String(phoneSeq).padStart(4, '0')}`]));
    for (const r of roles) {
      await ds.query('INSERT INTO role_assignments (user_id, role, company_id, complex_id, unit_id, area_id) VALUES (?, ?, ?, ?, ?, ?)', [id, r.role, r.companyId ?? null, r.complexId ?? null, r.unitId ?? null, r.areaId ?? null]);
    }
    return { id, name, token: jwt.sign({ sub: id }) };
  };
  const city = await area(AreaLevel.CITY, '测试市', null);
  const district = await area(AreaLevel.DISTRICT, '测试区', city);
  const street = await area(AreaLevel.STREET, '测试街道', district);
  const otherStreet = await area(AreaLevel.STREET, '另一街道', district);
  const communityA = await area(AreaLevel.COMMUNITY, '甲社区', street);
  const communityB = await area(AreaLevel.COMMUNITY, '乙社区', otherStreet);
  const companyA = await ins('INSERT INTO companies (name) VALUES (?)', [`甲物业${Date.now()}`]);
  const companyB = await ins('INSERT INTO companies (name) VALUES (?)', [`乙物业${Date.now()}`]);
  const complexA = await ins('INSERT INTO complexes (name, address, community_id, company_id) VALUES (?, ?, ?, ?)', ['甲小区', '甲路1号', communityA, companyA]);
  const complexB = await ins('INSERT INTO complexes (name, address, community_id, company_id) VALUES (?, ?, ?, ?)', ['乙小区', '乙路2号', communityB, companyB]);
  const buildingA = await ins('INSERT INTO buildings (complex_id, name) VALUES (?, ?)', [complexA, '1号楼']);
  const spotA = await ins('INSERT INTO spots (complex_id, kind, name) VALUES (?, ?, ?)', [complexA, 'GATE', '东门']);
  const spotB = await ins('INSERT INTO spots (complex_id, kind, name) VALUES (?, ?, ?)', [complexB, 'GATE', '北门']);
  const teamA = await ins('INSERT INTO units (kind, name, company_id) VALUES (?, ?, ?)', [UnitKind.PROPERTY_TEAM, '甲工程部', companyA]);
  const deptCg = await ins('INSERT INTO units (kind, name, area_id) VALUES (?, ?, ?)', [UnitKind.DEPARTMENT, '城管局', district]);
  t.app.get(OrgService).invalidate();
  const qr = t.app.get(QrService);
  const w: World = {
    communityA, communityB, street, complexA, complexB, spotA, spotB, buildingA, teamA, deptCg,
    qrA: qr.tokenFor({ id: spotA, qrSerial: 1 }),
    qrB: qr.tokenFor({ id: spotB, qrSerial: 1 }),
    ownerA: await actor('业主甲', [{ role: Role.OWNER }]),
    ownerA2: await actor('业主甲二', [{ role: Role.OWNER }]),
    ownerB: await actor('业主乙', [{ role: Role.OWNER }]),
    staffA: await actor('甲员工', [{ role: Role.STAFF, companyId: companyA, complexId: complexA }]),
    staffA2: await actor('甲员工二', [{ role: Role.STAFF, companyId: companyA, complexId: complexA }]),
    teamStaffA: await actor('甲工程员', [{ role: Role.STAFF, companyId: companyA, complexId: complexA, unitId: teamA }]),
    managerA: await actor('甲经理', [{ role: Role.PROJECT_MANAGER, companyId: companyA, complexId: complexA }]),
    staffB: await actor('乙员工', [{ role: Role.STAFF, companyId: companyB, complexId: complexB }]),
    managerB: await actor('乙经理', [{ role: Role.PROJECT_MANAGER, companyId: companyB, complexId: complexB }]),
    dept: await actor('城管科员', [{ role: Role.DEPT_HANDLER, unitId: deptCg }]),
    mediatorA: await actor('甲调解员', [{ role: Role.MEDIATOR, areaId: communityA }]),
    mediatorB: await actor('乙调解员', [{ role: Role.MEDIATOR, areaId: communityB }]),
    oversightStreet: await actor('街道监督', [{ role: Role.OVERSIGHT, areaId: street }]),
    oversightCity: await actor('市监督', [{ role: Role.OVERSIGHT, areaId: city }]),
    admin: await actor('管理员', [{ role: Role.ADMIN }]),
    deptHead: await actor('城管科长', [{ role: Role.DEPT_HEAD, unitId: deptCg }]),
  };
  return w;
}

export const TICKET_FIELDS = 'id number status version priority assignee { id name } handlingUnit { id } dispatchTarget { id } availableActions';

let keySeq = 0;
/** Files a ticket as `owner` from `qr`; returns {id, version, ...}. */
export async function fileTicket(t: TestApp, owner: Actor, qr: string, extra: Record<string, unknown> = {}) {
  keySeq += 1;
  const r = await t.gql(
    `mutation($input: ReportTicketInput!) { reportTicket(input: $input) { ${TICKET_FIELDS} } }`,
    { input: { qrToken: qr, idempotencyKey: `test-key-${process.pid}-${keySeq}`, categoryCode: 'FACILITIES', text: '楼道灯坏了，晚上很黑。', ...extra } },
    owner.token,
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.reportTicket as { id: string; version: number; status: string; number: string; availableActions: string[] };
}
