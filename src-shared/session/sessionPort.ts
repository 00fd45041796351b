import type { WorkbenchApi } from '../contract';

/**
 * What a session needs from main: minting and ending it, and the server-side model calls behind its tools and
 * guardrail. The page passes its contract client; Node passes main's services.
 */
export interface SessionPort {
  readonly session: Pick<WorkbenchApi['session'], 'mint' | 'end'>;
  readonly supervisor: WorkbenchApi['supervisor'];
  readonly escalation: WorkbenchApi['escalation'];
  readonly guardrail: WorkbenchApi['guardrail'];
}
