import { z } from 'zod';
import { FakeOpenAIError } from './fakeError';
import type { ModelRefusal } from './models';

export const faultRoutes = ['client_secrets', 'calls', 'realtime', 'responses', 'models', 'speech', '*'] as const;
export type FaultRoute = (typeof faultRoutes)[number];

/** One injected failure. Request-level effects act when a request or connection arrives; response-level ones while a response streams. */
export const faultSchema = z.strictObject({
  /** Which API it hits: `realtime` is the WebSocket and the session behind a WebRTC call; `*` hits all. */
  route: z.enum(faultRoutes).default('*'),
  /** Request-level: answer with this status and OpenAI's error body (401, 429, 500, 503, …). */
  status: z.number().int().min(400).max(599).optional(),
  /** With status 429 or 503: the `retry-after` header, in seconds. */
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  /** Request-level: wait this long before the first byte (or, on realtime, before each response starts). */
  latencyMs: z.number().nonnegative().optional(),
  /** Response-level: wait this long between streamed deltas. */
  deltaDelayMs: z.number().nonnegative().optional(),
  /** Request-level, client_secrets: the minted secret has already expired. */
  expiredSecrets: z.literal(true).optional(),
  /** Request-level, calls: refuse the SDP offer with a 400. */
  refuseSdp: z.literal(true).optional(),
  /** Response-level: drop the data channel, socket or SSE stream after the first delta of a response. */
  dropMidResponse: z.literal(true).optional(),
  /**
   * Request-level: refuse requests for this model (the mint's `session.model`, the Responses body's `model`,
   * the WebSocket URL's `?model=`) as the real API refuses a model it no longer serves: 404 model_not_found.
   */
  refuseModel: z.string().min(1).optional(),
  /** With refuseModel: `deprecated` (the default, the wording for a retired model) or `not_found`. */
  refusal: z.enum(['deprecated', 'not_found']).optional(),
  /** Realtime: the transcription of the user's next audio turns fails (`conversation.item.input_audio_transcription.failed`). */
  failTranscription: z.literal(true).optional(),
  /** How many requests (or responses) it applies to before it removes itself; forever when absent. */
  times: z.number().int().positive().optional(),
});

export type Fault = z.output<typeof faultSchema>;
export type FaultInput = z.input<typeof faultSchema>;

/** What the faults in force do to one request or response. */
export interface FaultEffect {
  status?: number;
  retryAfterSeconds?: number;
  latencyMs: number;
  deltaDelayMs: number;
  expiredSecrets: boolean;
  refuseSdp: boolean;
  dropMidResponse: boolean;
}

type Phase = 'request' | 'response';

function actsIn(fault: Fault, phase: Phase): boolean {
  // A model refusal acts only on requests for its model (`refusalFor`), so it uses up no `times` elsewhere.
  if (fault.refuseModel !== undefined || fault.failTranscription) return false;
  if (phase === 'request')
    return fault.status !== undefined || fault.latencyMs !== undefined || fault.expiredSecrets === true || fault.refuseSdp === true;
  return fault.deltaDelayMs !== undefined || fault.dropMidResponse === true || (fault.route === 'realtime' && fault.latencyMs !== undefined);
}

/** The faults in force; tests switch them with `fake.faults.set([...])`, the CLI with `--fault`. */
export class FaultControl {
  private active: Fault[] = [];

  /** Replaces every fault in force. */
  set(faults: readonly FaultInput[]): void {
    this.active = faults.map((fault) => faultSchema.parse(fault));
  }

  add(fault: FaultInput): void {
    this.active.push(faultSchema.parse(fault));
  }

  clear(): void {
    this.active = [];
  }

  list(): readonly Fault[] {
    return [...this.active];
  }

  /** The combined effect on one request or response of `route`, using up one of each matching fault's `times`. */
  take(route: Exclude<FaultRoute, '*'>, phase: Phase): FaultEffect {
    const effect: FaultEffect = { latencyMs: 0, deltaDelayMs: 0, expiredSecrets: false, refuseSdp: false, dropMidResponse: false };
    for (const fault of [...this.active]) {
      if ((fault.route !== '*' && fault.route !== route) || !actsIn(fault, phase)) continue;
      if (phase === 'request') {
        if (fault.status !== undefined && effect.status === undefined) {
          effect.status = fault.status;
          effect.retryAfterSeconds = fault.retryAfterSeconds;
        }
        effect.expiredSecrets ||= fault.expiredSecrets === true;
        effect.refuseSdp ||= fault.refuseSdp === true;
      }
      effect.latencyMs = Math.max(effect.latencyMs, fault.latencyMs ?? 0);
      if (phase === 'response') {
        effect.deltaDelayMs = Math.max(effect.deltaDelayMs, fault.deltaDelayMs ?? 0);
        effect.dropMidResponse ||= fault.dropMidResponse === true;
      }
      this.useOnce(fault);
    }
    return effect;
  }

  /** Whether a request of `route` for `model` is to be refused, and in which wording; uses up one of its `times`. */
  refusalFor(route: Exclude<FaultRoute, '*'>, model: string): ModelRefusal | undefined {
    const fault = this.active.find((candidate) => candidate.refuseModel === model && (candidate.route === '*' || candidate.route === route));
    if (!fault) return undefined;
    this.useOnce(fault);
    return fault.refusal ?? 'deprecated';
  }

  /** Whether the transcription of a user's audio turn is to fail; uses up one of the fault's `times`. */
  transcriptionFails(): boolean {
    const fault = this.active.find((candidate) => candidate.failTranscription && (candidate.route === '*' || candidate.route === 'realtime'));
    if (!fault) return false;
    this.useOnce(fault);
    return true;
  }

  private useOnce(fault: Fault): void {
    if (fault.times === undefined) return;
    fault.times -= 1;
    if (fault.times === 0) this.active = this.active.filter((other) => other !== fault);
  }
}

export class FaultFlagError extends FakeOpenAIError {
  constructor(message: string) {
    super('invalid_fault', message);
  }
}

/** Parses a CLI `--fault route=responses,status=500,times=1` into a fault, naming the bad field. */
export function parseFaultFlag(flag: string): Fault {
  const raw: Record<string, unknown> = {};
  for (const pair of flag.split(',').filter(Boolean)) {
    const [key, value = 'true'] = pair.split('=');
    raw[key!.trim()] = value === 'true' ? true : /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  const result = faultSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(fault)'}: ${issue.message}`).join('; ');
    throw new FaultFlagError(`--fault ${flag} is not a valid fault: ${problems}`);
  }
  return result.data;
}
