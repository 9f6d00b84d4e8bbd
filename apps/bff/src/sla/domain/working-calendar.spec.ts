import fc from 'fast-check';
import { dayNumberOfIso, holidayDataCoverage, isChinaWorkday } from './china-workdays';
import { ReferenceCalendar, reference24x7, referenceAdd, referenceBetween } from './minute-reference.testing';
import {
  addWorkingMinutes,
  addWorkingMs,
  calendar24x7,
  createWorkingHoursCalendar,
  defaultWorkingHoursCalendar as workHours,
  formatShanghai,
  isWorkingTime,
  nextWorkingInstant,
  shanghaiDayNumber,
  shanghaiTime as t,
  WorkingCalendar,
  workingMinutesBetween,
} from './working-calendar';

const add = (start: string, minutes: number, calendar: WorkingCalendar = workHours) =>
  formatShanghai(addWorkingMinutes(t(start), minutes, calendar));
const between = (a: string, b: string, calendar: WorkingCalendar = workHours) => workingMinutesBetween(t(a), t(b), calendar);
const workday = (iso: string) => isChinaWorkday(dayNumberOfIso(iso));

describe('China working days (chinese-days data)', () => {
  it('knows the 2026 arrangement of the State Council notice, 调休 Sundays and Saturdays included', () => {
    expect(workday('2026-01-01')).toBe(false); // 元旦, Thursday
    expect(workday('2026-01-04')).toBe(true); // Sunday, make-up working day
    expect(workday('2026-02-14')).toBe(true); // Saturday before 春节, make-up
    expect(['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23'].map(workday)).toEqual([false, false, false, false]);
    expect(workday('2026-02-24')).toBe(true);
    expect(workday('2026-02-28')).toBe(true); // Saturday, make-up
    expect(workday('2026-09-20')).toBe(true); // Sunday, make-up for 国庆
    expect(workday('2026-10-07')).toBe(false);
    expect(workday('2026-10-10')).toBe(true); // Saturday, make-up
  });

  it('treats ordinary weekends as rest and weekdays as work', () => {
    expect(['2025-03-08', '2025-03-09', '2025-03-10'].map(workday)).toEqual([false, false, true]);
  });

  it('reports which years the package covers', () => {
    expect(holidayDataCoverage()).toEqual({ fromYear: 2004, toYear: 2026 });
  });

  it('falls back to the statutory days (no 调休) for a year the package lacks', () => {
    expect(workday('2027-01-01')).toBe(false); // 元旦, a Friday
    expect(workday('2027-02-05')).toBe(false); // 除夕 (春节 is 6 Feb 2027)
    expect(workday('2027-02-08')).toBe(false); // 初三, a Monday
    expect(workday('2027-02-09')).toBe(true);
    expect(workday('2027-04-05')).toBe(false); // 清明
    expect(workday('2027-05-03')).toBe(true); // only 1–2 May are statutory
    expect(workday('2027-06-09')).toBe(false); // 端午
    expect(workday('2027-09-15')).toBe(false); // 中秋
    expect(workday('2027-10-04')).toBe(true); // Monday: 1–3 Oct statutory; the real 调休 is unknown yet
  });

  it('maps instants to Shanghai days at the UTC+8 midnight boundary', () => {
    expect(shanghaiDayNumber(t('2026-01-04 00:00'))).toBe(dayNumberOfIso('2026-01-04'));
    expect(shanghaiDayNumber(t('2026-01-03 23:59'))).toBe(dayNumberOfIso('2026-01-03'));
  });
});

describe('Shanghai time', () => {
  it('agrees with Intl Asia/Shanghai for instants across decades', () => {
    const fmt = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        const at = new Date(Math.floor(ms / 60_000) * 60_000);
        expect(formatShanghai(at)).toBe(fmt.format(at));
      }),
      { numRuns: 300 },
    );
  });
});

describe('addWorkingMinutes on 08:30–17:30 working days', () => {
  it('stays within the day when there is room, up to the closing minute', () => {
    expect(add('2025-03-10 09:00', 30)).toBe('2025-03-10 09:30');
    expect(add('2025-03-10 17:00', 30)).toBe('2025-03-10 17:30');
  });

  it('carries the rest over the night to the next morning', () => {
    expect(add('2025-03-11 17:00', 60)).toBe('2025-03-12 09:00');
    expect(add('2025-03-11 20:00', 30)).toBe('2025-03-12 09:00');
    expect(add('2025-03-11 07:00', 30)).toBe('2025-03-11 09:00');
  });

  it('skips the weekend', () => {
    expect(add('2025-03-07 17:00', 60)).toBe('2025-03-10 09:00');
    expect(add('2025-03-08 11:00', 30)).toBe('2025-03-10 09:00');
    expect(add('2025-03-07 10:00', 540)).toBe('2025-03-10 10:00'); // one working day
  });

  it('skips statutory holidays: 春节 2026 runs 15–23 Feb', () => {
    expect(add('2026-02-14 17:00', 60)).toBe('2026-02-24 09:00');
  });

  it('counts 调休 working Saturdays and Sundays', () => {
    expect(add('2026-02-13 17:00', 60)).toBe('2026-02-14 09:00'); // Friday → make-up Saturday
    expect(add('2025-12-31 17:00', 60)).toBe('2026-01-04 09:00'); // 元旦 1–3 Jan → make-up Sunday
    expect(add('2025-09-30 17:00', 60)).toBe('2025-10-09 09:00'); // 国庆+中秋 2025: 1–8 Oct
  });

  it('spans several working days across 国庆 with a make-up Saturday after it', () => {
    // 2025-10-09 Thu, 10-10 Fri, 10-11 Sat (make-up), 10-13 Mon: three full days from Thursday 08:30.
    expect(add('2025-09-30 17:30', 3 * 540)).toBe('2025-10-11 17:30');
    expect(add('2025-09-30 17:30', 3 * 540 + 1)).toBe('2025-10-13 08:31');
  });

  it('keeps seconds and milliseconds', () => {
    expect(formatShanghai(addWorkingMs(t('2025-03-11 17:29:30'), 60_000, workHours))).toBe('2025-03-12 08:30:30.000');
  });

  it('returns the start itself for zero, and refuses negative amounts', () => {
    expect(add('2025-03-08 11:00', 0)).toBe('2025-03-08 11:00');
    expect(() => addWorkingMinutes(t('2025-03-08 11:00'), -1, workHours)).toThrow(RangeError);
  });

  it('is plain addition on 24x7', () => {
    expect(add('2026-02-16 23:50', 120, calendar24x7)).toBe('2026-02-17 01:50');
  });

  it('honours several windows a day (a lunch break)', () => {
    const split = createWorkingHoursCalendar({ id: 'split', windows: [{ start: '13:30', end: '17:30' }, { start: '08:30', end: '12:00' }] });
    expect(add('2025-03-10 11:30', 60, split)).toBe('2025-03-10 14:00');
    expect(between('2025-03-10 08:00', '2025-03-10 18:00', split)).toBe(450);
  });

  it('takes per-date overrides ahead of the package (e.g. next year’s announced 调休)', () => {
    const patched = createWorkingHoursCalendar({ id: 'patched', overrides: { '2027-02-20': true, '2027-02-09': false } });
    expect(add('2027-02-04 17:00', 60, patched)).toBe('2027-02-10 09:00');
    expect(isWorkingTime(t('2027-02-20 10:00'), patched)).toBe(true);
  });

  it('rejects malformed or overlapping windows', () => {
    expect(() => createWorkingHoursCalendar({ windows: [{ start: '17:30', end: '08:30' }] })).toThrow();
    expect(() => createWorkingHoursCalendar({ windows: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }] })).toThrow();
    expect(() => createWorkingHoursCalendar({ windows: [{ start: '8:30', end: '12:00' }] })).toThrow();
  });

  it('fails loudly on a calendar with no working time at all', () => {
    const never = createWorkingHoursCalendar({ id: 'never', isWorkday: () => false });
    expect(() => addWorkingMinutes(t('2025-03-10 09:00'), 1, never)).toThrow(/no working time/);
  });
});

describe('workingMinutesBetween', () => {
  it('counts only working time, and is negative backwards', () => {
    expect(between('2025-03-07 17:00', '2025-03-10 09:00')).toBe(60);
    expect(between('2025-03-10 09:00', '2025-03-07 17:00')).toBe(-60);
    expect(between('2026-02-14 08:00', '2026-02-25 08:00')).toBe(2 * 540);
    expect(between('2025-03-08 00:00', '2025-03-09 23:59')).toBe(0);
    expect(between('2026-02-14 08:00', '2026-02-25 08:00', calendar24x7)).toBe(11 * 1440);
  });

  it('finds the next working instant', () => {
    expect(formatShanghai(nextWorkingInstant(t('2026-02-14 18:00'), workHours))).toBe('2026-02-24 08:30');
    expect(formatShanghai(nextWorkingInstant(t('2026-02-24 10:15'), workHours))).toBe('2026-02-24 10:15');
  });
});

describe('efficiency', () => {
  it('computes 20,000 multi-day due times in well under a second', () => {
    const start = +t('2025-01-02 00:00');
    const began = performance.now();
    for (let i = 0; i < 20_000; i++) {
      const from = new Date(start + ((i * 7_919_000) % (700 * 86_400_000)));
      addWorkingMinutes(from, 3 * 540, workHours);
    }
    expect(performance.now() - began).toBeLessThan(1_000);
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests against the minute-by-minute reference

const referenceWorkHours: ReferenceCalendar = { isWorkday: isChinaWorkday, windows: [[510, 1050]] };
const calendars: [WorkingCalendar, ReferenceCalendar][] = [
  [workHours, referenceWorkHours],
  [calendar24x7, reference24x7],
];

/** Whole minutes in 2024–2026, half of them within a fortnight of a holiday period. */
const HOLIDAY_ANCHORS = ['2024-02-10', '2024-10-01', '2025-01-01', '2025-01-28', '2025-05-01', '2025-10-01', '2026-01-01', '2026-02-15', '2026-10-01'].map((d) =>
  +t(`${d} 00:00`),
);
const MINUTE = 60_000;
const instantArb = fc.oneof(
  fc.integer({ min: +t('2024-01-01 00:00') / MINUTE, max: +t('2026-12-01 00:00') / MINUTE }).map((m) => m * MINUTE),
  fc
    .tuple(fc.constantFrom(...HOLIDAY_ANCHORS), fc.integer({ min: -14 * 1440, max: 14 * 1440 }))
    .map(([anchor, offset]) => anchor + offset * MINUTE),
);
const calendarArb = fc.constantFrom(...calendars);

describe('property: agrees with the minute-by-minute reference', () => {
  it('addWorkingMinutes', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 3 * 540 }), calendarArb, (start, minutes, [cal, ref]) => {
        expect(+addWorkingMinutes(new Date(start), minutes, cal)).toBe(referenceAdd(start, minutes, ref));
      }),
      { numRuns: 300 },
    );
  });

  it('workingMinutesBetween', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 12 * 1440 }), calendarArb, (a, span, [cal, ref]) => {
        expect(workingMinutesBetween(new Date(a), new Date(a + span * MINUTE), cal)).toBe(referenceBetween(a, a + span * MINUTE, ref));
      }),
      { numRuns: 200 },
    );
  });

  it('add and between are inverse, and the due time is the earliest such instant', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 1, max: 20 * 540 }), fc.integer({ min: 0, max: 59_999 }), (start, minutes, jitter) => {
        const from = new Date(start + jitter);
        const due = addWorkingMinutes(from, minutes, workHours);
        expect(workingMinutesBetween(from, due, workHours)).toBe(minutes);
        expect(workingMinutesBetween(from, new Date(+due - 1), workHours)).toBeLessThan(minutes);
      }),
      { numRuns: 300 },
    );
  });
});
