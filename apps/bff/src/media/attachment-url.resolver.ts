import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Attachment } from '../tickets/models/ticket.models';
import { MediaLinks } from './media-links';

/**
 * Attachment.url: a short-lived signed link (see MediaLinks). An Attachment is only ever built for a viewer
 * who may see its ticket (the tickets resolver checks), so signing here hands the link to no one else.
 */
@Resolver(() => Attachment)
export class AttachmentUrlResolver {
  constructor(private readonly links: MediaLinks) {}

  @ResolveField(() => String, { description: 'A signed link that works for MEDIA_URL_TTL_SECONDS without a token (an <Image> src); fetch it again after that' })
  url(@Parent() a: Attachment): Promise<string> | string {
    if (!a.sha256) return a.url;
    return this.links.url({ id: a.id, sha256: a.sha256, mime: a.mime });
  }
}
