import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/domain-error';
import { OrgAdminService } from '../../org/org-admin.service';
import { QrService } from '../../qr/qr.service';
import type { Viewer } from '../../org/domain/viewer';
import { mayAdminComplex } from '../domain/admin-scope';
import { AdminCore } from '../admin-core.service';
import { renderPosters, renderStickers, type PosterItem, type PosterSize } from './poster-pdf';

/** Poster PDFs for gates and spots: read-only (printing never changes a code), for the admins of the complex. */
@Injectable()
export class PostersService {
  constructor(private readonly core: AdminCore, private readonly orgAdmin: OrgAdminService, private readonly qr: QrService) {}

  /** Every active spot of a complex as poster items (spots in id order). `viewer` null: a server command. */
  async itemsOfComplex(viewer: Viewer | null, complexId: number, spotId?: number): Promise<{ complexName: string; items: PosterItem[] }> {
    const c = await this.orgAdmin.place(null, 'COMPLEX', complexId);
    if (!c) throw notFound('小区');
    if (viewer && !mayAdminComplex(await this.core.scope(viewer), c as any)) throw notFound('小区');
    const all = await this.orgAdmin.allPlaces();
    const company = all.COMPANY.find((co) => co.id === c.companyId);
    const spots = all.SPOT.filter((s) => s.complexId === c.id && s.active && (spotId == null || s.id === spotId));
    const items = spots.map((s) => ({
      complexName: c.name, spotName: s.name, link: this.qr.currentLink(s as any),
      servicePhone: c.servicePhone ?? company?.servicePhone ?? null, emergencyPhone: c.emergencyPhone ?? null,
    }));
    return { complexName: c.name, items };
  }

  async spotPoster(viewer: Viewer, spotId: number, size: PosterSize): Promise<{ name: string; pdf: Buffer }> {
    const spot = await this.orgAdmin.place(null, 'SPOT', spotId);
    if (!spot || !spot.active) throw notFound('位置');
    const { complexName, items } = await this.itemsOfComplex(viewer, spot.complexId, spotId);
    return { name: `${complexName}-${spot.name}-${size}`, pdf: await renderPosters(items, size) };
  }

  async complexPosters(viewer: Viewer | null, complexId: number, size: PosterSize): Promise<{ name: string; pdf: Buffer }> {
    const { complexName, items } = await this.itemsOfComplex(viewer, complexId);
    return { name: `${complexName}-全部海报-${size}`, pdf: await renderPosters(items, size, `${complexName} 二维码海报`) };
  }

  async complexStickers(viewer: Viewer | null, complexId: number): Promise<{ name: string; pdf: Buffer }> {
    const { complexName, items } = await this.itemsOfComplex(viewer, complexId);
    return { name: `${complexName}-贴纸`, pdf: await renderStickers(items, `${complexName} 二维码贴纸`) };
  }

  /** Every complex with at least one active spot (the posters command). */
  async complexIds(): Promise<number[]> {
    const all = await this.orgAdmin.allPlaces();
    return all.COMPLEX.filter((c) => c.active && all.SPOT.some((s) => s.complexId === c.id && s.active)).map((c) => c.id as number);
  }
}
