import { Inject, Injectable } from '@nestjs/common';
import type { TicketStatus } from '@msb/shared-types';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { DomainError, forbidden, rateLimited } from '../common/domain-error';
import { ErrorCode } from '@msb/shared-types';
import { AttemptLimiter } from '../auth/attempt-limiter';
import { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import { TicketsService } from '../tickets/tickets.service';
import {
  looksLikeShareToken, maskPhones, newShareToken, SHARE_TTL_DAYS, SHARED_LOOKUP_LIMITS, SHARES_PER_TICKET_PER_DAY, shareTokenHash, sharedTimeline,
  type SharedEvent,
} from './domain/share-policy';
import { TicketSharesRepository } from './ticket-shares.repository';

const DAY_MS = 86_400_000;
/** The mini-app page a link opens (H5: behind the hash router). */
export const SHARED_PAGE = '/tickets/pages/shared/index';

export interface SharedTicketView {
  ticketId: string;
  number: string;
  status: TicketStatus;
  categoryName: string;
  complexName: string;
  spotName: string | null;
  text: string;
  createdAt: Date;
  expiresAt: Date;
  timeline: SharedEvent[];
}

/** One answer for every link that does not work (unknown, malformed, expired, stopped): nothing to tell them apart by. */
const gone = () => new DomainError(ErrorCode.NOT_FOUND, '分享链接无效或已失效');

/**
 * 分享给家人 (issue 12 §10): the reporter makes a read-only link to their ticket for family. The link is a random
 * token (only its hash is kept) that opens one ticket's course — status, steps, notes written for the owner,
 * deadlines — never a phone, a contact, a name of the reporter or photos; it ends after SHARE_TTL_DAYS or when
 * the owner stops sharing. Looking one up needs no sign-in and is limited per address.
 */
@Injectable()
export class SharingService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: TicketSharesRepository,
    private readonly tickets: TicketsService,
    private readonly org: OrgService,
    private readonly limiter: AttemptLimiter,
    private readonly clock: Clock,
  ) {}

  /** Others' tickets are NOT_FOUND (as everywhere); staff who may see it are not its reporter: FORBIDDEN. */
  private async ownTicket(viewer: Viewer, ticketId: string) {
    const t = await this.tickets.getVisible(viewer, ticketId);
    if (t.reporterId !== viewer.userId) throw forbidden('只有反映人可以分享工单');
    return t;
  }

  async share(viewer: Viewer, ticketId: string): Promise<{ token: string; expiresAt: Date; path: string; url: string }> {
    const t = await this.ownTicket(viewer, ticketId);
    const now = this.clock.now();
    if ((await this.repo.createdSince(t.id, new Date(+now - DAY_MS))) >= SHARES_PER_TICKET_PER_DAY) throw rateLimited('今天分享次数过多，请明天再试');
    const token = newShareToken();
    const expiresAt = new Date(+now + SHARE_TTL_DAYS * DAY_MS);
    await this.repo.insert({ ticketId: t.id, tokenHash: shareTokenHash(token), createdBy: viewer.userId, createdAt: now, expiresAt });
    const path = `${SHARED_PAGE}?s=${token}`;
    return { token, expiresAt, path, url: `${this.config.publicBaseUrl}/#${path}` };
  }

  async stop(viewer: Viewer, ticketId: string): Promise<number> {
    const t = await this.ownTicket(viewer, ticketId);
    return this.repo.revokeAll(t.id, this.clock.now());
  }

  async state(viewer: Viewer, ticketId: string): Promise<{ active: number; until: Date | null }> {
    const t = await this.ownTicket(viewer, ticketId);
    const s = await this.repo.activeOf(t.id, this.clock.now());
    return { active: s.count, until: s.until };
  }

  /** The family's view behind a token. `from` is the client address. */
  async view(token: string, from: string): Promise<SharedTicketView> {
    const now = this.clock.now();
    const { perAddress, missesPerAddress } = SHARED_LOOKUP_LIMITS;
    if ((await this.limiter.hit(`share:${from}`, perAddress.windowMs, now)).hits > perAddress.hits) throw rateLimited('查看过于频繁，请稍后再试');
    if ((await this.limiter.peek(`share-miss:${from}`, now)) >= missesPerAddress.hits) throw rateLimited('查看过于频繁，请稍后再试');
    const share = looksLikeShareToken(token) ? await this.repo.findActive(shareTokenHash(token), now) : null;
    const t = share ? await this.tickets.ticketById(share.ticketId) : null;
    if (!share || !t) {
      await this.limiter.hit(`share-miss:${from}`, missesPerAddress.windowMs, now);
      throw gone();
    }
    const [events, look] = await Promise.all([this.tickets.eventsOf([t.id]), this.org.lookups()]);
    void this.repo.touch(share.id, now).catch(() => undefined);
    return {
      ticketId: t.id,
      number: t.number,
      status: t.status,
      categoryName: look.category(t.categoryCode)?.name ?? t.categoryCode,
      complexName: t.display?.complexName ?? '',
      spotName: t.display?.spotName ?? null,
      text: maskPhones(t.text),
      createdAt: t.createdAt,
      expiresAt: share.expiresAt,
      timeline: sharedTimeline(events),
    };
  }
}
