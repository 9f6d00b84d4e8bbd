/**
 * The import's rules, pure: each row of the file checked against what exists (a snapshot) and the rows
 * above it; a row is NEW (to create), UNCHANGED (already there: re-importing changes nothing) or ERROR
 * with every reason, by the file's row number.
 */
export type ImportKind = 'COMPLEX' | 'BUILDING' | 'SPOT' | 'STAFF';
export const KIND_OF: Record<string, ImportKind> = { 小区: 'COMPLEX', 楼栋: 'BUILDING', 出入口: 'SPOT', 位置: 'SPOT', 员工: 'STAFF' };
export const STAFF_ROLE: Record<string, 'STAFF' | 'PROJECT_MANAGER'> = { 物业员工: 'STAFF', 员工: 'STAFF', 项目经理: 'PROJECT_MANAGER' };

export interface ImportSnapshot {
  /** Communities the importer may administer, by name. */
  communities: Map<string, number>;
  /** Communities where the importer may create complexes (area and bureau admins; a company admin only adds to its own complexes). */
  creatable: Set<number>;
  companies: Map<string, number>;
  /** Existing complexes: `${communityId}/${name}` → { id, mayAdmin }. */
  complexes: Map<string, { id: number; mayAdmin: boolean; hasCompany: boolean }>;
  /** `${complexId}/${name}` of existing buildings and spots. */
  buildings: Set<string>;
  spots: Set<string>;
  /** `${complexId}/${phone}/${role}` of existing staff assignments; phone → name of existing accounts. */
  staff: Set<string>;
  accounts: Map<string, string>;
}

export interface PlannedRow {
  row: number;
  kind: ImportKind | null;
  status: 'NEW' | 'UNCHANGED' | 'ERROR';
  errors: string[];
  community: string;
  complex: string;
  name: string;
  building: string;
  phone: string;
  role: 'STAFF' | 'PROJECT_MANAGER' | null;
  company: string;
  address: string;
  servicePhone: string;
}

const BUILDING_NAME = /^[0-9A-Za-z\u4e00-\u9fa5\-#]{1,16}$/;
const GOOD_BUILDING = /(号楼|号|座|栋|幢|楼)$|^[A-Za-z0-9-]+$/;

export function planImport(rows: readonly { row: number; cells: Record<string, string | undefined> }[], s: ImportSnapshot): PlannedRow[] {
  const newComplexes = new Map<string, { hasCompany: boolean }>();
  const seen = new Set<string>();
  const phones = new Map<string, { name: string; row: number }>();
  return rows.map(({ row, cells }) => {
    const c = (k: string) => (cells[k] ?? '').trim();
    const p: PlannedRow = {
      row, kind: KIND_OF[c('类型')] ?? null, status: 'NEW', errors: [], community: c('社区'), complex: c('小区'), name: c('名称'),
      building: c('楼栋'), phone: c('手机号'), role: null, company: c('物业公司'), address: c('地址'), servicePhone: c('服务电话'),
    };
    const err = (m: string) => p.errors.push(m);
    if (!p.kind) err(`未知类型“${c('类型')}”（应为 小区 / 楼栋 / 出入口 / 员工）`);
    const communityId = s.communities.get(p.community);
    if (!p.community) err('社区不能为空');
    else if (communityId == null) err(`未知社区“${p.community}”`);
    if (!p.complex) err('小区不能为空');
    const ck = `${communityId}/${p.complex}`;
    const existing = s.complexes.get(ck);
    let key = '';
    if (p.kind === 'COMPLEX') {
      if (p.company && !s.companies.has(p.company)) err(`未知物业公司“${p.company}”`);
      if (p.servicePhone && !/^[0-9][0-9 -]{2,18}[0-9]$/.test(p.servicePhone)) err('服务电话格式不正确');
      if (p.complex.length > 128) err('小区名称过长');
      if (existing) {
        p.status = 'UNCHANGED';
        if (!existing.mayAdmin) err('无权管理该小区');
      } else if (communityId != null && !s.creatable.has(communityId)) err('无权在该社区新建小区（请联系街道或住建局管理员）');
      key = `C/${ck}`;
      if (!p.errors.length) newComplexes.set(ck, { hasCompany: !!p.company || !!existing?.hasCompany });
    } else if (p.kind) {
      const known = existing ?? newComplexes.get(ck);
      if (p.complex && communityId != null && !known) err(`未知小区“${p.complex}”（请先在上面的行或系统里建立）`);
      if (existing && !existing.mayAdmin) err('无权管理该小区');
      const cid = existing ? String(existing.id) : `new:${ck}`;
      if (!p.name) err(p.kind === 'STAFF' ? '姓名不能为空' : '名称不能为空');
      if (p.kind === 'BUILDING') {
        if (p.name && !(BUILDING_NAME.test(p.name) && GOOD_BUILDING.test(p.name))) err(`楼栋编号不正确“${p.name}”（如 1号楼、A座、3栋）`);
        key = `B/${cid}/${p.name}`;
        if (existing && s.buildings.has(`${existing.id}/${p.name}`)) p.status = 'UNCHANGED';
      } else if (p.kind === 'SPOT') {
        if (p.name.length > 64) err('出入口名称过长');
        if (p.building && !(existing && s.buildings.has(`${existing.id}/${p.building}`)) && !seen.has(`B/${cid}/${p.building}`)) err(`未知楼栋“${p.building}”`);
        key = `S/${cid}/${p.name}`;
        if (existing && s.spots.has(`${existing.id}/${p.name}`)) p.status = 'UNCHANGED';
      } else {
        p.role = STAFF_ROLE[c('角色') || '物业员工'] ?? null;
        if (!p.role) err(`未知角色“${c('角色')}”（应为 物业员工 或 项目经理）`);
        if (!/^1\d{10}$/.test(p.phone)) err(`手机号格式不正确“${p.phone}”`);
        else {
          const prior = phones.get(p.phone);
          const account = s.accounts.get(p.phone);
          if (prior && prior.name !== p.name) err(`手机号重复：与第 ${prior.row} 行（${prior.name}）相同`);
          else if (account && account !== p.name) err(`手机号 ${p.phone} 已属于“${account}”`);
          else phones.set(p.phone, { name: p.name, row });
        }
        if (known && !known.hasCompany) err('该小区没有物业公司，不能导入员工');
        key = `P/${cid}/${p.phone}/${p.role}`;
        if (existing && s.staff.has(`${existing.id}/${p.phone}/${p.role}`)) p.status = 'UNCHANGED';
      }
    }
    if (key && seen.has(key) && !p.errors.length) err('与上面的行重复');
    if (key) seen.add(key);
    if (p.errors.length) p.status = 'ERROR';
    return p;
  });
}
