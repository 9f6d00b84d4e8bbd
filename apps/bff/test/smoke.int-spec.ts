import { startTestApp, ok, type TestApp } from './support/test-app';
import { buildWorld, fileTicket, type World } from './support/world';

describe('filing and accepting over HTTP', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('an owner files from a QR code and the complex staff accept it', async () => {
    const ticket = await fileTicket(t, w.ownerA, w.qrA);
    expect(ticket.status).toBe('REPORTED');
    expect(ticket.number).toMatch(/^MSB-\d{8}-\d{4}$/);
    const r = ok(await t.gql('mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { status version assignee { id } } }', { i: { ticketId: ticket.id, version: ticket.version } }, w.staffA.token));
    expect(r.acceptTicket).toEqual({ status: 'ACCEPTED', version: 2, assignee: { id: w.staffA.id } });
  });
});
