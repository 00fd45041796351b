import type { RealtimeSessionCreateRequest } from 'openai/resources/realtime/realtime';

/** The session object the server reports in session.created/updated: the request shape plus its identity. */
export type ServerSession = RealtimeSessionCreateRequest & { id: string; object: 'realtime.session'; expires_at: number };
