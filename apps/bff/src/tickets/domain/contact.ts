/**
 * The owner's phone as a ticket shows it: in full to the reporter, masked (138****5678) to everyone
 * else. The handler reads it through revealContact, which logs each look on the timeline.
 */
export function shownContactPhone(viewer: { userId: string } | null, t: { reporterId: string; contactPhone: string | null }): string {
  if (viewer && viewer.userId === t.reporterId) return t.contactPhone ?? '';
  return t.contactPhone ? `${t.contactPhone.slice(0, 3)}****${t.contactPhone.slice(-4)}` : '';
}
