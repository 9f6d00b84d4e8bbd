import { JwtService } from '@nestjs/jwt';
import { Role } from '@msb/shared-types';
import { OrgService } from '../../src/org/org.service';
import type { TestApp } from './test-app';
import type { Actor, World } from './world';

/** Scoped administrators over the authorization world: company A's and B's admins, the street admin over complex A. */
export async function adminActors(t: TestApp, w: World): Promise<{ companyAdminA: Actor; companyAdminB: Actor; streetAdmin: Actor }> {
  const jwt = t.app.get(JwtService);
  const [a] = await t.ds.query('SELECT company_id FROM complexes WHERE id = ?', [w.complexA]);
  const [b] = await t.ds.query('SELECT company_id FROM complexes WHERE id = ?', [w.complexB]);
  const make = async (name: string, phone: string, role: Role, companyId: number | null, areaId: number | null): Promise<Actor> => {
    const id = String((await t.ds.query('INSERT INTO users (name, phone) VALUES (?, ?)', [name, phone])).insertId);
    await t.ds.query('INSERT INTO role_assignments (user_id, role, company_id, area_id) VALUES (?, ?, ?, ?)', [id, role, companyId, areaId]);
    return { id, name, token: jwt.sign({ sub: id }) };
  };
  const r = {
    companyAdminA: await make('甲物业管理员', '16600000001', Role.COMPANY_ADMIN, a.company_id, null),
    companyAdminB: await make('乙物业管理员', '16600000002', Role.COMPANY_ADMIN, b.company_id, null),
    streetAdmin: await make('街道管理员', '16600000003', Role.AREA_ADMIN, null, w.street),
  };
  t.app.get(OrgService).invalidate();
  return r;
}
