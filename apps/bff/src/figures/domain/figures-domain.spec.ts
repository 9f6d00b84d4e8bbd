import { MediationOutcome, TicketAction as A, TicketStatus as S } from '@msb/shared-types';
import { shanghaiTime } from '../../sla/domain';
import { percentile, rates } from './figures';
import { lastMonths, periodOf, PeriodError, PeriodKind, previousPeriod } from './period';
import { compositeScore, rank, scheme, weightedScore } from './ranking';
import { computeFacts, SLA_BREACH_EVENT, type FactEvent } from './ticket-facts';

let seq = 0;
const ev = (action: string, to: S, local: string, data: Record<string, unknown> | null = null): FactEvent => ({
  id: String(++seq), action, toStatus: to, data, createdAt: shanghaiTime(local),
});
const ticket = { id: '1', complexId: 7, companyId: 3, categoryCode: 'FACILITIES', source: 'QR' };

describe('ticket facts from events', () => {
  it('counts a late response, a dispatch returned, an unsolved then solved rating and urges', () => {
    const f = computeFacts(ticket, [
      ev(A.REPORT, S.REPORTED, '2026-03-02 16:00'),
      ev(SLA_BREACH_EVENT, S.REPORTED, '2026-03-03 08:30', { target: 'ACCEPT' }),
      ev(A.SUPERVISE, S.REPORTED, '2026-03-03 08:40', { deadline: '2026-03-04T00:00:00.000Z' }),
      ev(A.ACCEPT, S.ACCEPTED, '2026-03-03 09:00'),
      ev(A.DISPATCH, S.DISPATCHED, '2026-03-03 09:10'),
      ev(A.RETURN_DISPATCH, S.IN_PROGRESS, '2026-03-03 09:20'),
      ev(A.RESOLVE, S.RESOLVED, '2026-03-03 10:00'),
      ev(A.RATE, S.IN_PROGRESS, '2026-03-03 10:10', { solved: false, satisfaction: 1 }),
      ev(A.SUPERVISE, S.IN_PROGRESS, '2026-03-03 10:20', null),
      ev(A.RESOLVE, S.RESOLVED, '2026-03-03 11:00'),
      ev(A.RATE, S.CLOSED, '2026-03-03 11:10', { solved: true, satisfaction: 4 }),
    ])!;
    expect(f.day).toBe('2026-03-02');
    expect(f.source).toBe('QR');
    expect(f.counters).toMatchObject({
      filed: 1, open: 0, accepted: 1, acceptBase: 1, acceptMet: 0, resolveBase: 1, resolveMet: 1, dispatchBase: 1, dispatchMet: 1,
      resolved: 1, rated: 1, solved: 1, satisfied: 1, autoClosed: 0, dispatches: 1, returns: 1, redone: 1, urges: 2, deadlineUrges: 1,
    });
    // 16:00 → 09:00 next day: 17 h wall; working 16:00–17:30 + 08:30–09:00 = 2 h.
    expect(f.durations).toEqual({ acceptWallMs: 17 * 3600_000, acceptWorkMs: 2 * 3600_000, resolveWallMs: 18 * 3600_000, resolveWorkMs: 3 * 3600_000 });
  });

  it('a duplicate merged away is neither backlog nor in the response base; unmerged it is open again; "me too" changes no figure', () => {
    const merged = computeFacts(ticket, [ev(A.REPORT, S.REPORTED, '2026-03-02 09:00'), ev(A.SUPPORT, S.REPORTED, '2026-03-02 09:02'), ev(A.MERGE, S.MERGED, '2026-03-02 09:05', { intoTicketId: '2' })])!;
    expect(merged.counters).toMatchObject({ filed: 1, open: 0, accepted: 0, refused: 0, withdrawn: 0, acceptBase: 0, acceptMet: 0 });
    const back = computeFacts(ticket, [ev(A.REPORT, S.REPORTED, '2026-03-02 09:00'), ev(A.MERGE, S.MERGED, '2026-03-02 09:05'), ev(A.UNMERGE, S.REPORTED, '2026-03-02 10:00')])!;
    expect(back.counters).toMatchObject({ filed: 1, open: 1, acceptBase: 0 });
    const plain = computeFacts(ticket, [ev(A.REPORT, S.REPORTED, '2026-03-02 09:00')])!;
    const supported = computeFacts(ticket, [ev(A.REPORT, S.REPORTED, '2026-03-02 09:00'), ev(A.SUPPORT, S.REPORTED, '2026-03-02 09:01'), ev('MERGED_IN', S.REPORTED, '2026-03-02 09:02')])!;
    expect(supported.counters).toEqual(plain.counters);
  });

  it('leaves a withdrawn ticket out of the response base and counts an unrated close apart', () => {
    const w = computeFacts(ticket, [ev(A.REPORT, S.REPORTED, '2026-03-02 09:00'), ev(A.WITHDRAW, S.WITHDRAWN, '2026-03-02 09:05')])!;
    expect(w.counters).toMatchObject({ filed: 1, withdrawn: 1, open: 0, acceptBase: 0, acceptMet: 0 });
    const auto = computeFacts({ ...ticket, source: 'HOTLINE_12345' }, [
      ev(A.REPORT, S.REPORTED, '2026-03-02 09:00'), ev(A.ACCEPT, S.ACCEPTED, '2026-03-02 09:05'),
      ev(A.START, S.IN_PROGRESS, '2026-03-02 09:06'), ev(A.RESOLVE, S.RESOLVED, '2026-03-02 10:00'),
      ev(A.REQUEST_MEDIATION, S.MEDIATING, '2026-03-02 10:30'),
      ev(A.RECORD_MEDIATION, S.IN_PROGRESS, '2026-03-02 11:00', { outcome: MediationOutcome.BACK_TO_HANDLING }),
      ev(A.RESOLVE, S.RESOLVED, '2026-03-02 12:00'), ev(A.AUTO_CLOSE, S.CLOSED, '2026-03-09 12:00'),
    ])!;
    expect(auto.source).toBe('HOTLINE_12345');
    expect(auto.counters).toMatchObject({ rated: 0, autoClosed: 1, mediationRequested: 1, mediationSentBack: 1, mediationBase: 1, mediationMet: 1, redone: 0, extensions: 0 });
    expect(computeFacts(ticket, [])).toBeNull();
  });

  it('counts each extension request, the 12345 desk\'s and the property side\'s own', () => {
    const f = computeFacts({ ...ticket, source: 'HOTLINE_12345' }, [
      ev(A.REPORT, S.REPORTED, '2026-03-02 09:00'), ev(A.ACCEPT, S.ACCEPTED, '2026-03-02 09:05'),
      ev(A.HOTLINE_REQUEST_EXTENSION, S.ACCEPTED, '2026-03-02 10:00', { requestedDeadline: '2026-03-09T02:00:00.000Z' }),
      ev('REQUEST_EXTENSION', S.ACCEPTED, '2026-03-03 10:00'),
      ev(A.HOTLINE_REQUEST_RETURN, S.ACCEPTED, '2026-03-03 11:00'),
    ])!;
    expect(f.counters).toMatchObject({ extensions: 2, open: 1, urges: 0 });
  });
});

describe('case handling', () => {
  it('counts the owner\'s urges apart from 督办, and the extensions granted among those asked', () => {
    const f = computeFacts(ticket, [
      ev(A.REPORT, S.REPORTED, '2026-03-02 09:00'), ev(A.ACCEPT, S.ACCEPTED, '2026-03-02 09:05'), ev(A.START, S.IN_PROGRESS, '2026-03-02 09:10'),
      ev(A.URGE, S.IN_PROGRESS, '2026-03-02 12:00'), ev(A.URGE, S.IN_PROGRESS, '2026-03-03 12:00'), ev(A.SUPERVISE, S.IN_PROGRESS, '2026-03-03 13:00'),
      ev(A.REQUEST_EXTENSION, S.IN_PROGRESS, '2026-03-03 14:00', { requestedUntil: '2026-03-09T02:00:00.000Z' }),
      ev(A.DECIDE_EXTENSION, S.IN_PROGRESS, '2026-03-03 15:00', { granted: false }),
      ev(A.REQUEST_EXTENSION, S.IN_PROGRESS, '2026-03-04 09:00', { requestedUntil: '2026-03-10T02:00:00.000Z' }),
      ev(A.DECIDE_EXTENSION, S.IN_PROGRESS, '2026-03-04 10:00', { granted: true }),
      ev(A.REQUEST_INFO, S.AWAITING_OWNER, '2026-03-04 11:00'),
    ])!;
    expect(f.counters).toMatchObject({ ownerUrges: 2, urges: 1, extensions: 2, extensionsGranted: 1, open: 1 });
  });
});

describe('rates and percentiles', () => {
  it('is null, not 0, over an empty base', () => {
    const r = rates(computeFacts(ticket, [ev(A.REPORT, S.REPORTED, '2026-03-02 09:00')])!.counters);
    expect(r).toEqual({ response: null, resolution: null, satisfaction: null, resolvedOnTime: null, dispatchOnTime: null, mediationOnTime: null, returnRate: null, redoRate: null });
  });
  it('takes the nearest rank', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([5], 0.9)).toBe(5);
  });
});

describe('periods', () => {
  it('finds the period around a day and the one before', () => {
    expect(periodOf(PeriodKind.WEEK, '2026-03-08')).toEqual({ kind: PeriodKind.WEEK, from: '2026-03-02', to: '2026-03-09' });
    expect(periodOf(PeriodKind.HALF_YEAR, '2026-08-15')).toEqual({ kind: PeriodKind.HALF_YEAR, from: '2026-07-01', to: '2027-01-01' });
    expect(previousPeriod(periodOf(PeriodKind.MONTH, '2026-01-31'))).toEqual({ kind: PeriodKind.MONTH, from: '2025-12-01', to: '2026-01-01' });
    expect(previousPeriod(periodOf(PeriodKind.HALF_YEAR, '2026-03-01'))).toMatchObject({ from: '2025-07-01', to: '2026-01-01' });
    expect(lastMonths('2026-02-10', 3).map((p) => p.from)).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
    expect(() => periodOf(PeriodKind.DAY, '2026-02-30')).toThrow(PeriodError);
    expect(() => periodOf(PeriodKind.CUSTOM, '2026-02-01')).toThrow(PeriodError);
  });
});

describe('scores and ranking', () => {
  const weighted = scheme('WEIGHTED_30_35_35')!;
  const floor = scheme('PIECEWISE_FLOOR')!;
  it('weighs the three rates and applies floors', () => {
    expect(compositeScore(weighted, { response: 1, resolution: 0.5, satisfaction: 0.5 })).toBeCloseTo(30 + 17.5 + 17.5, 9);
    expect(compositeScore(floor, { response: 0.79, resolution: 0.5, satisfaction: 0.9 })).toBeCloseTo(0.35 * 90 / 1, 9);
    expect(compositeScore(weighted, { response: 0.5, resolution: null, satisfaction: null })).toBeCloseTo(50, 9);
    expect(compositeScore(weighted, { response: null, resolution: null, satisfaction: null })).toBeNull();
    expect(weightedScore([{ score: 50, filed: 3 }, { score: 100, filed: 1 }, { score: null, filed: 9 }])).toBeCloseTo(62.5, 9);
  });
  it('shares ranks on ties and leaves small samples unranked', () => {
    const r = rank(weighted, [
      { key: 'a', filed: 10, score: 80 }, { key: 'b', filed: 1, score: 100 }, { key: 'c', filed: 6, score: 80 }, { key: 'd', filed: 7, score: 90 },
    ]);
    expect(r.map((x) => [x.key, x.rank])).toEqual([['d', 1], ['a', 2], ['c', 2], ['b', null]]);
  });
});
