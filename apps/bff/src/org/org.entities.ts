import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AreaLevel, Priority, Role, UnitKind } from '@msb/shared-types';

@Entity('areas')
export class AreaEntity {
  @PrimaryGeneratedColumn({ unsigned: true }) id: number;
  @Column({ type: 'varchar', length: 16 }) level: AreaLevel;
  @Column({ type: 'varchar', length: 64 }) name: string;
  @Column({ name: 'parent_id', type: 'int', unsigned: true, nullable: true }) parentId: number | null;
  @Column({ type: 'boolean' }) active: boolean;
}

@Entity('companies')
export class CompanyEntity {
  @PrimaryGeneratedColumn({ unsigned: true }) id: number;
  @Column({ type: 'varchar', length: 128 }) name: string;
  @Column({ type: 'boolean' }) active: boolean;
  @Column({ name: 'service_phone', type: 'varchar', length: 20, nullable: true }) servicePhone: string | null;
}

@Entity('complexes')
export class ComplexEntity {
  @PrimaryGeneratedColumn({ unsigned: true }) id: number;
  @Column({ type: 'varchar', length: 128 }) name: string;
  @Column({ type: 'varchar', length: 255 }) address: string;
  @Column({ name: 'community_id', type: 'int', unsigned: true }) communityId: number;
  @Column({ name: 'company_id', type: 'int', unsigned: true, nullable: true }) companyId: number | null;
  @Column({ type: 'boolean' }) active: boolean;
  @Column({ name: 'service_phone', type: 'varchar', length: 20, nullable: true }) servicePhone: string | null;
  @Column({ name: 'emergency_phone', type: 'varchar', length: 20, nullable: true }) emergencyPhone: string | null;
}

@Entity('buildings')
export class BuildingEntity {
  @PrimaryGeneratedColumn({ unsigned: true }) id: number;
  @Column({ name: 'complex_id', type: 'int', unsigned: true }) complexId: number;
  @Column({ type: 'varchar', length: 64 }) name: string;
  @Column({ type: 'boolean' }) active: boolean;
}

@Entity('spots')
export class SpotEntity {
  @PrimaryGeneratedColumn({ unsigned: true }) id: number;
  @Column({ name: 'complex_id', type: 'int', unsigned: true }) complexId: number;
  @Column({ name: 'building_id', type: 'int', unsigned: true, nullable: true }) buildingId: number | null;
  @Column({ type: 'varchar', length: 16 }) kind: string;
  @Column({ type: 'varchar', length: 64 }) name: string;
  @Column({ name: 'qr_serial', type: 'int', unsigned: true }) qrSerial: number;
  @Column({ type: 'boolean' }) active: boolean;
}

@Entity('units')
export class UnitEntity {
  @PrimaryGeneratedColumn({ unsigned: true }) id: number;
  @Column({ type: 'varchar', length: 16 }) kind: UnitKind;
  @Column({ type: 'varchar', length: 128 }) name: string;
  @Column({ name: 'company_id', type: 'int', unsigned: true, nullable: true }) companyId: number | null;
  @Column({ name: 'area_id', type: 'int', unsigned: true, nullable: true }) areaId: number | null;
  @Column({ type: 'boolean' }) active: boolean;
}

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id: string;
  @Column({ type: 'varchar', length: 64 }) name: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) phone: string | null;
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true }) passwordHash: string | null;
  @Column({ name: 'wx_openid', type: 'varchar', length: 64, nullable: true }) wxOpenid: string | null;
  @Column({ name: 'failed_logins', type: 'int', unsigned: true }) failedLogins: number;
  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true }) lockedUntil: Date | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @Column({ type: 'boolean' }) active: boolean;
}

@Entity('role_assignments')
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn({ unsigned: true }) id: number;
  @Column({ name: 'user_id', type: 'bigint', unsigned: true }) userId: string;
  @Column({ type: 'varchar', length: 24 }) role: Role;
  @Column({ name: 'company_id', type: 'int', unsigned: true, nullable: true }) companyId: number | null;
  @Column({ name: 'complex_id', type: 'int', unsigned: true, nullable: true }) complexId: number | null;
  @Column({ name: 'unit_id', type: 'int', unsigned: true, nullable: true }) unitId: number | null;
  @Column({ name: 'area_id', type: 'int', unsigned: true, nullable: true }) areaId: number | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) room: string | null;
}

@Entity('categories')
export class CategoryEntity {
  @Column({ primary: true, type: 'varchar', length: 32 }) code: string;
  @Column({ type: 'varchar', length: 64 }) name: string;
  @Column({ name: 'parent_code', type: 'varchar', length: 32, nullable: true }) parentCode: string | null;
  @Column({ name: 'default_priority', type: 'varchar', length: 16 }) defaultPriority: Priority;
  @Column({ type: 'boolean' }) emergency: boolean;
  @Column({ type: 'varchar', length: 255, nullable: true }) advice: string | null;
  @Column({ type: 'int' }) sort: number;
  @Column({ type: 'boolean' }) active: boolean;
  @Column({ type: 'varchar', length: 32, nullable: true }) icon: string | null;
  /** null: every company's (a category one company or area added for itself otherwise). */
  @Column({ name: 'company_id', type: 'int', unsigned: true, nullable: true }) companyId: number | null;
  @Column({ name: 'area_id', type: 'int', unsigned: true, nullable: true }) areaId: number | null;
}

@Entity('complex_companies')
export class ComplexCompanyEntity {
  @PrimaryGeneratedColumn({ unsigned: true }) id: number;
  @Column({ name: 'complex_id', type: 'int', unsigned: true }) complexId: number;
  @Column({ name: 'company_id', type: 'int', unsigned: true, nullable: true }) companyId: number | null;
  @Column({ name: 'effective_from', type: 'date' }) effectiveFrom: string;
  @Column({ name: 'recorded_at', type: 'datetime', precision: 3 }) recordedAt: Date;
  @Column({ name: 'recorded_by', type: 'bigint', unsigned: true, nullable: true }) recordedBy: string | null;
}

export const ORG_ENTITIES = [ComplexCompanyEntity, AreaEntity, CompanyEntity, ComplexEntity, BuildingEntity, SpotEntity, UnitEntity, UserEntity, RoleAssignmentEntity, CategoryEntity];
