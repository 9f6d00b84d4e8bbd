import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../org/current-viewer';
import type { Viewer } from '../org/domain/viewer';
import { OrgService } from '../org/org.service';
import { QrPlace } from '../org/models/org.models';
import { QrService } from '../qr/qr.service';

@Resolver(() => QrPlace)
export class LandingResolver {
  constructor(private readonly qr: QrService, private readonly org: OrgService) {}

  @Query(() => QrPlace, { description: 'Public: what a scanned QR token points at, (its 公示 figures come from the figures feature)' })
  async complexByQrToken(@Args('token') token: string): Promise<QrPlace> {
    const { complex, spot } = await this.qr.resolve(token);
    const [community, buildings] = await Promise.all([this.org.area(complex.communityId), this.org.buildingsOfComplex(complex.id)]);
    return { complex: { ...complex, communityName: community?.name ?? null }, spot, buildings };
  }

  @Mutation(() => String, { description: 'Revokes every printed QR token of a spot; returns the new link. Admins and the complex’s manager.' })
  async revokeSpotQr(@CurrentViewer() v: Viewer, @Args('spotId', { type: () => Int }) spotId: number): Promise<string> {
    return this.qr.revoke(v, spotId);
  }
}
