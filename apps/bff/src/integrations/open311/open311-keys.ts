import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '../../common/clock';
import { OrgService } from '../../org/org.service';
import { Open311ClientsRepository, type Open311Client } from './open311-clients.repository';
import { Open311Error } from './open311-format';
import { param, type Params } from './open311-params';

const DEFAULT_RATE_PER_MINUTE = 60;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Open311 clients' keys: issued (each with its own reporter account and rate limit), revoked, and checked on every call. */
@Injectable()
export class Open311Keys {
  constructor(private readonly clients: Open311ClientsRepository, private readonly org: OrgService, private readonly clock: Clock) {}

  /** Issues a key for a client (admin CLI): its own reporter account and rate limit. The key is shown once. */
  async issueKey(name: string, ratePerMinute = DEFAULT_RATE_PER_MINUTE): Promise<{ id: number; key: string }> {
    const clean = name.trim();
    if (!clean || clean.length > 48) throw new Error('client name must be 1–48 characters');
    if (!Number.isInteger(ratePerMinute) || ratePerMinute < 1) throw new Error('rate per minute must be a positive integer');
    const key = `o311_${randomBytes(24).toString('hex')}`;
    const userId = await this.org.createChannelAccount(`Open311 · ${clean}`);
    const id = await this.clients.insert({ name: clean, keyHash: sha256(key), keyHint: key.slice(0, 8), userId, ratePerMinute, at: this.clock.now() });
    return { id, key };
  }

  revokeKey(id: number): Promise<boolean> {
    return this.clients.revoke(id, this.clock.now());
  }

  listKeys() {
    return this.clients.list();
  }

  /** The client behind `api_key`, with this call counted against its per-minute limit. */
  async client(p: Params): Promise<Open311Client> {
    const key = param(p, 'api_key');
    if (!key) throw new Open311Error(403, 'api_key is required');
    const c = await this.clients.byKeyHash(sha256(key));
    if (!c) throw new Open311Error(403, 'api_key is not valid');
    const now = this.clock.now();
    const window = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const n = await this.clients.hit(c.id, window);
    if (n === 1) void this.clients.prune(new Date(window.getTime() - 3600_000)).catch(() => undefined);
    if (n > c.ratePerMinute) throw new Open311Error(429, `rate limit of ${c.ratePerMinute} requests per minute exceeded`);
    return c;
  }
}
