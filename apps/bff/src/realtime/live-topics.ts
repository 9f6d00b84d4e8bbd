/**
 * Pub/sub topics. Redis channels are global to a Redis server (not per db), so every topic starts
 * with the deployment's database name: two deployments (or two test runs) sharing a Redis never
 * hear each other.
 */
export const liveTopics = (namespace: string) => ({
  ticketChanged: `msb/${namespace}/ticket-changed`,
  notificationAdded: (userId: string) => `msb/${namespace}/notification/${userId}`,
});

export type LiveTopics = ReturnType<typeof liveTopics>;
