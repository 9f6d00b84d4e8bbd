import type { Client } from 'graphql-ws';
import { startTestApp, ok, codeOf, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type Actor, type World } from '../support/world';
import { waitFor } from './fake-wechat-api';
import { collect, liveClient } from './live-client';

const LIST = `query($first: Int, $after: String) { notifications(first: $first, after: $after) { unreadCount nodes { id kind title body ticketId readAt } pageInfo { hasNextPage endCursor } } }`;

describe('in-app notification centre', () => {
  let t: TestApp;
  let w: World;
  const clients: Client[] = [];
  const kinds = async (who: Actor) => ok(await t.gql(LIST, { first: 50 }, who.token)).notifications.nodes.map((n: any) => n.kind).sort();
  const INPUT: Record<string, string> = {
    acceptTicket: 'AcceptTicketInput', refuseTicket: 'RefuseTicketInput', dispatchTicket: 'DispatchTicketInput', returnDispatch: 'ReasonInput',
    resolveTicket: 'ResolveTicketInput', requestMediation: 'ReasonInput', recordMediation: 'RecordMediationInput',
  };
  const act = async (mutation: string, input: Record<string, unknown>, who: Actor) => {
    const r = ok(await t.gql(`mutation($i: ${INPUT[mutation]}!) { ${mutation}(input: $i) { id version status } }`, { i: input }, who.token));
    return r[mutation] as { id: string; version: number; status: string };
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t.close();
  });

  it('each step notifies the people who act next, never the actor, in the same transaction as the change', async () => {
    const ownerLive = liveClient(t.url, w.ownerA.token);
    clients.push(ownerLive);
    const ownerFeed = collect(ownerLive, 'subscription { notificationAdded { id kind title ticketId } }');
    await new Promise((r) => setTimeout(r, 300));

    const filed = await fileTicket(t, w.ownerA, w.qrA, { contactPhone: '13800138000' });
    let v = await act('acceptTicket', { ticketId: filed.id, version: 1, assigneeId: w.staffA2.id }, w.managerA);
    expect(await kinds(w.ownerA)).toEqual(['TICKET_ACCEPTED']);
    expect(await kinds(w.staffA2)).toEqual(['TICKET_ASSIGNED']);
    expect(await kinds(w.managerA)).toEqual([]);
    const live = await waitFor(() => ownerFeed.items.find((n) => n.notificationAdded.kind === 'TICKET_ACCEPTED'), 2000);
    expect(live.notificationAdded).toMatchObject({ ticketId: filed.id });
    expect(live.notificationAdded.title).toContain(filed.number);

    v = await act('dispatchTicket', { ticketId: filed.id, version: v.version, targetUnitId: w.deptCg, reason: '属城管职责' }, w.staffA2);
    expect(await kinds(w.dept)).toEqual(['TICKET_DISPATCHED']);
    v = await act('returnDispatch', { ticketId: filed.id, version: v.version, reason: '需物业先行处置' }, w.dept);
    expect(await kinds(w.staffA2)).toEqual(['DISPATCH_RETURNED', 'TICKET_ASSIGNED']);
    v = await act('resolveTicket', { ticketId: filed.id, version: v.version, result: '已更换灯泡' }, w.staffA2);
    expect(await kinds(w.ownerA)).toEqual(['TICKET_ACCEPTED', 'TICKET_RESOLVED']);
    v = await act('requestMediation', { ticketId: filed.id, version: v.version, reason: '灯还是不亮' }, w.ownerA);
    expect(await kinds(w.mediatorA)).toEqual(['MEDIATION_REQUESTED']);
    expect(await kinds(w.mediatorB)).toEqual([]);
    await act('recordMediation', {
      ticketId: filed.id, version: v.version, outcome: 'BACK_TO_HANDLING', meetingAt: new Date().toISOString(), place: '社区会议室',
      participants: '业主、物业、社区', notes: '物业三日内重新检修线路',
    }, w.mediatorA);
    expect(await kinds(w.staffA2)).toEqual(['DISPATCH_RETURNED', 'MEDIATION_BACK_TO_HANDLING', 'TICKET_ASSIGNED']);
    expect(await kinds(w.ownerA)).toEqual(['MEDIATION_BACK_TO_HANDLING', 'TICKET_ACCEPTED', 'TICKET_RESOLVED']);
  });

  it('a refused report tells the owner; a failed action writes no notification', async () => {
    const filed = await fileTicket(t, w.ownerA2, w.qrA);
    const before = ok(await t.gql('{ unreadNotificationCount }', {}, w.ownerA2.token)).unreadNotificationCount;
    const stale = await t.gql('mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { id } }', { i: { ticketId: filed.id, version: 99 } }, w.staffA.token);
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(ok(await t.gql('{ unreadNotificationCount }', {}, w.ownerA2.token)).unreadNotificationCount).toBe(before);
    await act('refuseTicket', { ticketId: filed.id, version: 1, reason: 'NOT_OUR_REMIT', suggestHotline: true, note: '属于市政管网，已告知业主拨打 12345' }, w.staffA);
    const list = ok(await t.gql(LIST, {}, w.ownerA2.token)).notifications;
    expect(list.nodes[0]).toMatchObject({ kind: 'TICKET_REFUSED', ticketId: filed.id, readAt: null });
    expect(list.nodes[0].body).toContain('市政管网');
  });

  it('pages newest first, counts unread and marks read (some or all), only the caller’s own', async () => {
    const first = ok(await t.gql(LIST, { first: 2 }, w.ownerA.token)).notifications;
    expect(first.nodes).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(Number(first.nodes[0].id)).toBeGreaterThan(Number(first.nodes[1].id));
    const rest = ok(await t.gql(LIST, { first: 10, after: first.pageInfo.endCursor }, w.ownerA.token)).notifications;
    expect(rest.nodes.length + 2).toBe(first.unreadCount);

    // Someone else cannot mark the owner's notifications read.
    ok(await t.gql('mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) }', { i: { ids: [first.nodes[0].id] } }, w.staffA.token));
    expect(ok(await t.gql('{ unreadNotificationCount }', {}, w.ownerA.token)).unreadNotificationCount).toBe(first.unreadCount);

    const after = ok(await t.gql('mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) }', { i: { ids: [first.nodes[0].id] } }, w.ownerA.token));
    expect(after.markNotificationsRead).toBe(first.unreadCount - 1);
    expect(ok(await t.gql('mutation { markNotificationsRead(input: { all: true }) }', {}, w.ownerA.token)).markNotificationsRead).toBe(0);
    expect(ok(await t.gql(LIST, { first: 1 }, w.ownerA.token)).notifications.nodes[0].readAt).not.toBeNull();
    expect(codeOf(await t.gql('mutation { markNotificationsRead(input: {}) }', {}, w.ownerA.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql('{ unreadNotificationCount }'))).toBe('UNAUTHENTICATED');
  });

  it('the owner’s phone is masked for staff; the assigned handler reveals it and the reveal is on the timeline', async () => {
    const filed = await fileTicket(t, w.ownerA, w.qrA, { contactPhone: '13912345678', contactName: '王女士' });
    await act('acceptTicket', { ticketId: filed.id, version: 1 }, w.staffA);
    const seen = async (who: Actor) => ok(await t.gql('query($id: ID!) { ticket(id: $id) { contactPhone } }', { id: filed.id }, who.token)).ticket.contactPhone;
    expect(await seen(w.staffA)).toBe('139****5678');
    expect(await seen(w.managerA)).toBe('139****5678');
    expect(await seen(w.ownerA)).toBe('13912345678');

    expect(codeOf(await t.gql('mutation($id: ID!) { revealContact(ticketId: $id) { phone } }', { id: filed.id }, w.staffA2.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql('mutation($id: ID!) { revealContact(ticketId: $id) { phone } }', { id: filed.id }, w.staffB.token))).toBe('NOT_FOUND');
    const r = ok(await t.gql('mutation($id: ID!) { revealContact(ticketId: $id) { phone name } }', { id: filed.id }, w.staffA.token));
    expect(r.revealContact).toEqual({ phone: '13912345678', name: '王女士' });
    const timeline = ok(await t.gql('query($id: ID!) { ticket(id: $id) { version timeline { action actorName } } }', { id: filed.id }, w.ownerA.token)).ticket;
    expect(timeline.timeline.map((e: any) => e.action)).toEqual(['REPORT', 'ACCEPT', 'CONTACT_REVEALED']);
    expect(timeline.timeline[2].actorName).toBe(w.staffA.name);
    expect(timeline.version).toBe(2);
  });

  it('handling phrases: category templates first, then general ones, with refuse and return reasons', async () => {
    const p = ok(await t.gql('{ handlingPhrases(categoryCode: "ELEVATOR") { replies refuseReasons returnReasons } }', {}, w.staffA.token)).handlingPhrases;
    expect(p.replies[0]).toContain('电梯');
    expect(p.replies.length).toBeGreaterThan(3);
    expect(p.refuseReasons.length).toBeGreaterThan(0);
    expect(p.returnReasons.length).toBeGreaterThan(0);
  });
});
