import { TicketAction as A, TicketStatus as S } from '@msb/shared-types';
import { looksLikeShareToken, maskPhones, newShareToken, shareTokenHash, sharedTimeline } from './share-policy';

describe('family links', () => {
  it('tokens are 256 random bits in 43 url-safe characters, stored only as a sha256', () => {
    const a = newShareToken();
    const b = newShareToken();
    expect(a).not.toBe(b);
    expect(looksLikeShareToken(a)).toBe(true);
    expect(shareTokenHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(shareTokenHash(a)).not.toContain(a);
    for (const bad of ['', 'abc', `${a}x`, `${a.slice(0, 42)}=`, "' OR 1=1 --", '../../etc/passwd']) expect(looksLikeShareToken(bad)).toBe(false);
  });

  it('mask mobile numbers typed into free text', () => {
    expect(maskPhones('有事打13912345678或139 1234 5678')).toBe('有事打139****5678或139****5678');
    expect(maskPhones('工单 MSB-20261201-0012，3号楼')).toBe('工单 MSB-20261201-0012，3号楼');
  });

  it('the timeline keeps the course of the ticket and only the notes meant for the owner', () => {
    const at = new Date('2026-12-01T02:00:00Z');
    const ev = (action: string, toStatus: S, note: string | null = null, data: Record<string, unknown> | null = null) => ({ action, toStatus, note, data, createdAt: at });
    const shown = sharedTimeline([
      ev(A.REPORT, S.REPORTED, '业主留言'),
      ev(A.ACCEPT, S.ACCEPTED, '内部备注'),
      ev('CONTACT_REVEALED', S.ACCEPTED),
      ev(A.COMMENT, S.ACCEPTED, '电话13912345678'),
      ev('SLA_WARNING', S.ACCEPTED, '即将超时'),
      ev(A.DISPATCH, S.DISPATCHED, '内部原因', { targetUnitName: '城管局' }),
      ev(A.RESOLVE, S.RESOLVED, '已更换灯泡，有问题打13800001011'),
      ev(A.RATE, S.CLOSED, '师傅电话13800001011', { solved: true, satisfaction: 4 }),
    ]);
    expect(shown.map((e) => [e.action, e.note])).toEqual([
      [A.REPORT, null], [A.ACCEPT, null], [A.DISPATCH, '转派至 城管局'], [A.RESOLVE, '已更换灯泡，有问题打138****1011'], [A.RATE, '已解决 · ★★★★☆'],
    ]);
  });
});
