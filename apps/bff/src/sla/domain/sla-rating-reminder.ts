/**
 * The rating reminder: the owner hears a day before the rating window closes (the ticket then closes as
 * unrated). It rides on the RATING clock's warning instant, which is set here rather than by the policy's
 * warnShare: a RATING window never warns staff (nobody is late), so its warning means only this reminder,
 * and stored policies keep their meaning for every other target.
 */
import { SlaTarget } from './sla-target';
import type { ClockTerms } from './sla-clock';

/** How long before the window closes the owner is reminded. */
export const RATING_REMINDER_MINUTES = 24 * 60;

/** The clock terms a target runs on: a RATING window longer than a day warns (reminds) a day before its end. */
export function withRatingReminder(target: SlaTarget, terms: ClockTerms): ClockTerms {
  if (target !== SlaTarget.RATING) return terms;
  const warnShare = terms.minutes > RATING_REMINDER_MINUTES ? (terms.minutes - RATING_REMINDER_MINUTES) / terms.minutes : null;
  return { ...terms, warnShare };
}
