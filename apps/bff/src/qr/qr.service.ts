import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Role } from '@msb/shared-types';
import { badInput, forbidden } from '../common/domain-error';
import { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import { signQrToken, verifyQrToken } from './domain/qr-token';

/** A scanned spot and its complex, as the org service hands them out. */
export type QrPlace = NonNullable<Awaited<ReturnType<OrgService['spotWithComplex']>>>;
type Spot = QrPlace['spot'];

const REASONS = {
  MALFORMED: '二维码格式不正确',
  UNKNOWN_KEY: '二维码已失效，请扫描现场最新二维码',
  FORGED: '二维码校验失败，请扫描小区张贴的官方二维码',
  REVOKED: '该二维码已停用，请扫描现场最新二维码',
  REPLACED: '此二维码已更换，请扫描新码或联系物业',
  UNKNOWN_SPOT: '二维码对应的位置不存在',
} as const;

@Injectable()
export class QrService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly org: OrgService,
  ) {}

  tokenFor(spot: Pick<Spot, 'id' | 'qrSerial'>): string {
    return signQrToken(this.config.qr.keys, { kid: this.config.qr.activeKid, spotId: spot.id, serial: spot.qrSerial });
  }

  linkFor(spot: Pick<Spot, 'id' | 'qrSerial'>): string {
    return `${this.config.publicBaseUrl}/q/${this.tokenFor(spot)}`;
  }

  /** Resolves a token to its complex and spot, or throws BAD_USER_INPUT with `reason`. */
  async resolve(token: string): Promise<QrPlace> {
    const v = verifyQrToken(this.config.qr.keys, token);
    if (!v.ok) throw badInput(REASONS[v.reason], { field: 'qrToken', reason: v.reason });
    const place = await this.org.spotWithComplex(v.claims.spotId);
    if (!place) throw badInput(REASONS.UNKNOWN_SPOT, { field: 'qrToken', reason: 'UNKNOWN_SPOT' });
    const phone = place.complex.servicePhone ?? '';
    if (!place.spot.active || !place.complex.active) throw badInput(REASONS.REVOKED, { field: 'qrToken', reason: 'REVOKED', phone });
    if (place.spot.qrSerial !== v.claims.serial) {
      // A poster printed before the code was rotated: say so, with the number to call, never a generic error.
      throw badInput(`${REASONS.REPLACED}${phone ? ` ${phone}` : ''}`, { field: 'qrToken', reason: 'REPLACED', phone });
    }
    return place;
  }

  /** Revokes every token printed for the spot so far; returns the new link. Admins and the complex's project manager. */
  async revoke(viewer: Viewer, spotId: number): Promise<string> {
    const current = await this.org.spot(spotId);
    if (!current || !(viewer.roles.has(Role.ADMIN) || viewer.managerComplexIds.has(current.complexId))) throw forbidden();
    const spot = await this.org.renewSpotQr(spotId);
    if (!spot) throw badInput(REASONS.UNKNOWN_SPOT, { field: 'spotId' });
    return this.linkFor(spot);
  }

  /** The QR link a poster for this spot prints today (read-only: printing does not change it). */
  currentLink(spot: Pick<Spot, 'id' | 'qrSerial'>): string {
    return this.linkFor(spot);
  }
}
