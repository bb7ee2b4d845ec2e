/** Query keys of the programme endpoints; nested so invalidating an event also invalidates its sessions. */
export const programmeQueryKeys = {
  events: () => ['events'] as const,
  event: (slug: string) => ['events', slug] as const,
  session: (slug: string, sessionId: string) => ['events', slug, 'sessions', sessionId] as const,
};
