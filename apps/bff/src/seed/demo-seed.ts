import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AreaLevel, MediationOutcome, RefuseReason, Role, TicketAction as A, UnitKind } from '@msb/shared-types';
import { hashPassword } from '../auth/domain/password';
import { OrgService } from '../org/org.service';
import { QrService } from '../qr/qr.service';
import { TicketsService, type UserAction } from '../tickets/tickets.service';

export const DEMO_PASSWORD = 'Msb@2026';

export interface DemoAccount { role: string; name: string; phone: string; scope: string }
export interface DemoResult { accounts: DemoAccount[]; qrLinks: { complex: string; spot: string; link: string }[]; tickets: number }

/** True when the database has no places yet (the start command seeds only then). */
export async function isEmpty(ds: DataSource): Promise<boolean> {
  const [r] = await ds.query('SELECT COUNT(*) AS n FROM complexes');
  return Number(r.n) === 0;
}

/**
 * Demo data: one district, one street, two communities, three complexes, one property company with a
 * project manager and two staff per complex, a mediator per community, outside departments, oversight,
 * an admin, owners, and tickets walked through every state by the real service (so timelines are real).
 */
export async function seedDemo(app: INestApplicationContext): Promise<DemoResult> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const tickets = app.get(TicketsService);
  const org = app.get(OrgService);
  const qr = app.get(QrService);
  const pw = await hashPassword(DEMO_PASSWORD);
  const ins = async (sql: string, params: unknown[]) => String((await ds.query(sql, params)).insertId);
  const area = (level: AreaLevel, name: string, parent: string | null) => ins('INSERT INTO areas (level, name, parent_id) VALUES (?, ?, ?)', [level, name, parent]);
  const accounts: DemoAccount[] = [];
  const user = async (name: string, phone: string, withPassword = true) => ins('INSERT INTO users (name, phone, password_hash) VALUES (?, ?, ?)', [name, phone, withPassword ? pw : null]);
  const role = (userId: string, r: Role, s: { companyId?: string; complexId?: string; unitId?: string; areaId?: string; room?: string }) =>
    ds.query('INSERT INTO role_assignments (user_id, role, company_id, complex_id, unit_id, area_id, room) VALUES (?, ?, ?, ?, ?, ?, ?)', [userId, r, s.companyId ?? null, s.complexId ?? null, s.unitId ?? null, s.areaId ?? null, s.room ?? null]);

  const city = await area(AreaLevel.CITY, '济南市', null);
  const district = await area(AreaLevel.DISTRICT, '历下区', city);
  const street = await area(AreaLevel.STREET, '泉城路街道', district);
  const furong = await area(AreaLevel.COMMUNITY, '芙蓉社区', street);
  const zhenzhu = await area(AreaLevel.COMMUNITY, '珍珠泉社区', street);
  const company = await ins('INSERT INTO companies (name) VALUES (?)', ['泉城红色物业服务有限公司']);
  const engineering = await ins('INSERT INTO units (kind, name, company_id) VALUES (?, ?, ?)', [UnitKind.PROPERTY_TEAM, '工程维修部', company]);
  await ins('INSERT INTO units (kind, name, company_id) VALUES (?, ?, ?)', [UnitKind.PROPERTY_TEAM, '保洁绿化部', company]);
  const chengguan = await ins('INSERT INTO units (kind, name, area_id) VALUES (?, ?, ?)', [UnitKind.DEPARTMENT, '历下区城市管理局', district]);
  await ins('INSERT INTO units (kind, name, area_id) VALUES (?, ?, ?)', [UnitKind.DEPARTMENT, '历下区市场监督管理局', district]);
  await ins('INSERT INTO units (kind, name, area_id) VALUES (?, ?, ?)', [UnitKind.DEPARTMENT, '济南水务集团', city]);

  const complexes = [
    { name: '明湖花园', address: '历下区明湖东路18号', community: furong, buildings: ['1号楼', '2号楼', '3号楼'], gates: ['东门', '南门'] },
    { name: '泉景苑', address: '历下区泉城路66号', community: furong, buildings: ['A座', 'B座'], gates: ['正门', '地下车库入口'] },
    { name: '珍珠小区', address: '历下区珍珠泉路9号', community: zhenzhu, buildings: ['5号楼', '6号楼', '7号楼'], gates: ['北门', '西门'] },
  ];
  const managers = ['王建国', '李秀兰', '赵志强'];
  const staffNames = [['张师傅', '刘师傅'], ['陈师傅', '杨师傅'], ['黄师傅', '周师傅']];
  const qrLinks: DemoResult['qrLinks'] = [];
  const complexIds: string[] = [];
  for (const [i, c] of complexes.entries()) {
    // The phones the QR posters print (物业服务电话 and the 24-hour emergency line).
    const cid = await ins('INSERT INTO complexes (name, address, community_id, company_id, service_phone, emergency_phone) VALUES (?, ?, ?, ?, ?, ?)', [c.name, c.address, c.community, company, `0531-8600100${i + 1}`, `1385310000${i + 1}`]);
    complexIds.push(cid);
    const bids: string[] = [];
    for (const b of c.buildings) bids.push(await ins('INSERT INTO buildings (complex_id, name) VALUES (?, ?)', [cid, b]));
    for (const g of c.gates) {
      const sid = await ins('INSERT INTO spots (complex_id, kind, name) VALUES (?, ?, ?)', [cid, 'GATE', g]);
      qrLinks.push({ complex: c.name, spot: g, link: qr.linkFor({ id: Number(sid), qrSerial: 1 }) });
    }
    const lobby = await ins('INSERT INTO spots (complex_id, building_id, kind, name) VALUES (?, ?, ?, ?)', [cid, bids[0], 'LOBBY', `${c.buildings[0]}大堂`]);
    qrLinks.push({ complex: c.name, spot: `${c.buildings[0]}大堂`, link: qr.linkFor({ id: Number(lobby), qrSerial: 1 }) });
    const pmPhone = `1380000000${i + 1}`;
    const pm = await user(managers[i], pmPhone);
    await role(pm, Role.PROJECT_MANAGER, { companyId: company, complexId: cid });
    accounts.push({ role: '项目经理', name: managers[i], phone: pmPhone, scope: c.name });
    for (const [j, s] of staffNames[i].entries()) {
      const phone = `138000010${i + 1}${j + 1}`;
      const sid = await user(s, phone);
      await role(sid, Role.STAFF, { companyId: company, complexId: cid, unitId: i === 0 && j === 1 ? engineering : undefined });
      accounts.push({ role: '物业员工', name: s, phone, scope: c.name + (i === 0 && j === 1 ? '（工程维修部）' : '') });
    }
  }
  for (const [name, phone, community, label] of [['孙调解员', '13800000021', furong, '芙蓉社区'], ['吴调解员', '13800000022', zhenzhu, '珍珠泉社区']] as const) {
    const id = await user(name, phone);
    await role(id, Role.MEDIATOR, { areaId: community });
    accounts.push({ role: '社区调解员', name, phone, scope: label });
  }
  const dept = await user('郑科员', '13800000031');
  await role(dept, Role.DEPT_HANDLER, { unitId: chengguan });
  accounts.push({ role: '部门办理人', name: '郑科员', phone: '13800000031', scope: '历下区城市管理局' });
  const head = await user('王科长', '13800000032');
  await role(head, Role.DEPT_HEAD, { unitId: chengguan });
  accounts.push({ role: '部门负责人', name: '王科长', phone: '13800000032', scope: '历下区城市管理局' });
  const ov = await user('钱主任', '13800000041');
  await role(ov, Role.OVERSIGHT, { areaId: street });
  accounts.push({ role: '街道监督', name: '钱主任', phone: '13800000041', scope: '泉城路街道' });
  const bureau = await user('冯处长', '13800000042');
  await role(bureau, Role.OVERSIGHT, { areaId: city });
  accounts.push({ role: '住建局监督', name: '冯处长', phone: '13800000042', scope: '济南市' });
  const admin = await user('系统管理员', '13800000051');
  await role(admin, Role.ADMIN, {});
  accounts.push({ role: '管理员', name: '系统管理员', phone: '13800000051', scope: '全部' });
  const owners: string[] = [];
  for (const [i, name] of ['业主陈女士', '业主林先生', '业主何阿姨', '业主郭先生'].entries()) {
    const phone = `1390000000${i + 1}`;
    const id = await user(name, phone, false);
    await role(id, Role.OWNER, { complexId: complexIds[i % 3], room: `${i + 1}0${i + 1}室` });
    owners.push(id);
    accounts.push({ role: '业主（短信验证码登录）', name, phone, scope: complexes[i % 3].name });
  }
  org.invalidate();

  // Tickets, walked through the real lifecycle.
  const v = async (id: string) => (await org.loadViewer(id))!;
  const tokens = qrLinks.map((q) => q.link.split('/q/')[1]);
  const staffOf = async (complexIdx: number) => {
    const [row] = await ds.query("SELECT user_id FROM role_assignments WHERE complex_id = ? AND role = 'STAFF' ORDER BY id LIMIT 1", [complexIds[complexIdx]]);
    return v(String(row.user_id));
  };
  const pmOf = async (complexIdx: number) => {
    const [row] = await ds.query("SELECT user_id FROM role_assignments WHERE complex_id = ? AND role = 'PROJECT_MANAGER' LIMIT 1", [complexIds[complexIdx]]);
    return v(String(row.user_id));
  };
  let n = 0;
  const file = async (owner: number, tokenIdx: number, category: string, text: string) => {
    n += 1;
    return tickets.report(await v(owners[owner]), { qrToken: tokens[tokenIdx], idempotencyKey: `demo-seed-${n}`, categoryCode: category, text, contactPhone: `1390000000${owner + 1}` });
  };
  const act = async (viewer: Awaited<ReturnType<typeof v>>, action: UserAction, t: { id: string; version: number }, extra: Record<string, unknown> = {}) =>
    tickets.act(viewer, action, { ticketId: t.id, version: t.version, ...extra });

  // REPORTED
  await file(0, 0, 'PARKING', '东门外消防通道长期被私家车占用，晚上救护车进不来，请物业尽快处理。');
  await file(1, 3, 'ELEVATOR_TRAPPED', 'A座2号电梯停在8楼和9楼之间，里面有一位老人被困，电梯内警铃没有回应！');
  // ACCEPTED
  const s0 = await staffOf(0);
  let t = await file(0, 1, 'FACILITIES', '2号楼3单元楼道声控灯坏了一周了，晚上上下楼很不安全。');
  await act(s0, A.ACCEPT, t, { note: '已收到，今天安排电工查看。' });
  // IN_PROGRESS
  t = await file(2, 6, 'CLEANING_GREENING', '5号楼北侧垃圾桶满了两天没人清运，气味很大，招苍蝇。');
  const s2 = await staffOf(2);
  t = await act(s2, A.ACCEPT, t);
  t = await act(s2, A.START, t, { note: '保洁员已到场清理。' });
  await act(s2, A.ADD_PROGRESS, t, { note: '已清运两车垃圾，正在消杀。' });
  // DISPATCHED to 城管
  const pm0 = await pmOf(0);
  t = await file(0, 0, 'ROAD_REPAIR', '小区东门外人行道地砖塌陷，有个大坑，已经有人崴脚。');
  t = await act(pm0, A.ACCEPT, t, { assigneeId: s0.userId });
  t = await act(s0, A.DISPATCH, t, { targetUnitId: Number(chengguan), reason: '塌陷位置在小区红线外的市政人行道，属城管部门管辖。' });
  // RESOLVED (waiting for rating)
  t = await file(3, 0, 'ACCESS_CONTROL', '东门门禁刷卡没反应，只能等别人开门才能进。');
  t = await act(s0, A.ACCEPT, t);
  t = await act(s0, A.START, t);
  await act(s0, A.RESOLVE, t, { note: '已更换门禁读卡器，测试刷卡正常。' });
  // CLOSED (rated solved, 5 stars)
  t = await file(1, 3, 'CLUTTER', 'B座1单元楼道堆满纸箱和旧家具，挡住消防通道。');
  const s1 = await staffOf(1);
  t = await act(s1, A.ACCEPT, t);
  t = await act(s1, A.START, t);
  t = await act(s1, A.RESOLVE, t, { note: '已联系住户清理杂物，楼道已畅通。' });
  await act(await v(owners[1]), A.RATE, t, { solved: true, satisfaction: 5, note: '处理很及时，谢谢！' });
  // MEDIATING (rated 2 stars, asked for mediation)
  t = await file(0, 1, 'SERVICE_QUALITY', '物业维修人员上门态度恶劣，修完水管把地面弄得一塌糊涂就走了。');
  t = await act(s0, A.ACCEPT, t);
  t = await act(s0, A.START, t);
  t = await act(s0, A.RESOLVE, t, { note: '已向业主致歉，已安排保洁清理。' });
  t = await act(await v(owners[0]), A.RATE, t, { solved: true, satisfaction: 2, note: '道歉不诚恳。' });
  await act(await v(owners[0]), A.REQUEST_MEDIATION, t, { reason: '希望社区出面协调，物业给出书面整改承诺。' });
  // CLOSED by mediation agreement
  t = await file(2, 6, 'FEE_CHANGE', '物业费从每平米1.2元涨到1.6元，没有开业主大会，也没有公示。');
  t = await act(s2, A.ACCEPT, t);
  t = await act(s2, A.START, t);
  t = await act(s2, A.RESOLVE, t, { note: '已向业主解释调价依据。' });
  t = await act(await v(owners[2]), A.REQUEST_MEDIATION, t, { reason: '解释不能接受，调价程序不合规。' });
  const [med] = await ds.query("SELECT user_id FROM role_assignments WHERE role = 'MEDIATOR' AND area_id = ?", [zhenzhu]);
  await act(await v(String(med.user_id)), A.RECORD_MEDIATION, t, {
    outcome: MediationOutcome.AGREEMENT, meetingAt: new Date(), place: '珍珠泉社区党群服务中心', participants: '业主何阿姨、物业赵经理、社区吴调解员',
    note: '物业暂缓调价，下月召开业主大会表决并公示测算依据。',
  });
  // REFUSED
  t = await file(3, 0, 'OTHER', '楼下商铺油烟太大，希望物业协调。');
  await act(s0, A.REFUSE, t, { refuseReason: RefuseReason.NOT_OUR_REMIT, suggestHotline: true, note: '商铺油烟属市场监管和环保部门职责，建议拨打12345。' });
  // WITHDRAWN
  t = await file(1, 4, 'PARKING', '地库入口道闸坏了。');
  await act(await v(owners[1]), A.WITHDRAW, t, { reason: '刚才已经修好了。' });

  return { accounts, qrLinks, tickets: n };
}
