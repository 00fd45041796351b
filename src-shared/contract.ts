import { z } from 'zod';
import { workbenchErrorSchema, type WorkbenchErrorData } from './errors';
import { settingsPatchSchema, settingsSchema } from './settings';

/**
 * The one list of renderer↔main channels. Main registration, the preload bridge and the web host's
 * socket are all derived from this object; adding a channel means adding it here, one handler, and the caller.
 */
interface ChannelSpec<Req extends z.ZodType, Res extends z.ZodType> {
  readonly request: Req;
  readonly response: Res;
}

function channel<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res): ChannelSpec<Req, Res> {
  return { request, response };
}

const noRequest = z.undefined({ error: 'this channel takes no request payload' });

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  platform: z.string(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const keyStorageSchema = z.object({
  kind: z.enum(['os-keychain', 'file-0600', 'none']),
  /** Plain words for the UI, e.g. "encrypted with the OS keychain". */
  description: z.string(),
});

export const keyStatusSchema = z.object({
  hasKey: z.boolean(),
  source: z.enum(['stored', 'env']).nullable(),
  storage: keyStorageSchema,
});
export type KeyStatus = z.infer<typeof keyStatusSchema>;

export const apiKeyInputSchema = z
  .object({
    apiKey: z
      .string()
      .trim()
      .min(8, { error: 'is too short to be an API key' })
      .max(512, { error: 'is too long to be an API key' })
      .regex(/^\S+$/, { error: 'must not contain spaces' }),
  })
  .strict();

export const contract = {
  app: {
    info: channel(noRequest, appInfoSchema),
  },
  settings: {
    get: channel(noRequest, settingsSchema),
    set: channel(settingsPatchSchema, settingsSchema),
  },
  key: {
    status: channel(noRequest, keyStatusSchema),
    set: channel(apiKeyInputSchema, keyStatusSchema),
    clear: channel(noRequest, keyStatusSchema),
  },
} as const;

/** Events main pushes to the renderer, each with the schema of its payload. */
export const pushEvents = {
  settingsChanged: { channel: 'settings:changed', payload: settingsSchema },
  keyChanged: { channel: 'key:changed', payload: keyStatusSchema },
} as const;

export type Contract = typeof contract;
export type Domain = keyof Contract;
export type PushEvents = typeof pushEvents;
export type PushEventName = keyof PushEvents;
export type PushPayload<E extends PushEventName> = z.output<PushEvents[E]['payload']>;

type AnySpec = ChannelSpec<z.ZodType, z.ZodType>;
export type RequestOf<S extends AnySpec> = z.input<S['request']>;
export type ParsedRequestOf<S extends AnySpec> = z.output<S['request']>;
export type ResponseOf<S extends AnySpec> = z.output<S['response']>;

export const envelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: workbenchErrorSchema }),
]);
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: WorkbenchErrorData };

/** A method with no request payload takes no argument. */
type Method<S extends AnySpec, R> = RequestOf<S> extends undefined ? () => Promise<R> : (request: RequestOf<S>) => Promise<R>;

type EventSubscribers = {
  readonly [E in PushEventName]: (listener: (payload: PushPayload<E>) => void) => () => void;
};

/** What preload exposes as `window.workbench`: every method answers with an envelope, never throws. */
export type RawWorkbenchApi = {
  readonly [D in Domain]: { readonly [V in keyof Contract[D]]: Contract[D][V] extends AnySpec ? Method<Contract[D][V], Envelope<ResponseOf<Contract[D][V]>>> : never };
} & { readonly events: EventSubscribers };

/** The renderer's view: the same methods, unwrapped; a failure rejects with a WorkbenchError. */
export type WorkbenchApi = {
  readonly [D in Domain]: { readonly [V in keyof Contract[D]]: Contract[D][V] extends AnySpec ? Method<Contract[D][V], ResponseOf<Contract[D][V]>> : never };
} & { readonly events: EventSubscribers };

export interface ChannelEntry {
  readonly name: string;
  readonly domain: string;
  readonly verb: string;
  readonly spec: AnySpec;
}

/** Every channel as `domain:verb`, in declaration order. */
export const channels: readonly ChannelEntry[] = Object.entries(contract).flatMap(([domain, verbs]) =>
  Object.entries(verbs as Record<string, AnySpec>).map(([verb, spec]) => ({ name: `${domain}:${verb}`, domain, verb, spec })),
);

const channelsByName = new Map(channels.map((entry) => [entry.name, entry]));

export function findChannel(name: string): ChannelEntry | undefined {
  return channelsByName.get(name);
}

export const pushChannelNames: readonly string[] = Object.values(pushEvents).map((event) => event.channel);
