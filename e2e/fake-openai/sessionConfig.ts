import type { Credential } from './credentials';
import { newId } from './ids';
import type { ServerSession } from './serverSession';

/** The model a session gets when neither the mint nor the URL names one. */
export const DEFAULT_REALTIME_MODEL = 'gpt-realtime';

/** A fresh session as the GA API reports it, before any session.update. */
export function defaultSession(model: string): ServerSession {
  return {
    type: 'realtime',
    object: 'realtime.session',
    id: newId('sess'),
    model,
    output_modalities: ['audio'],
    instructions: 'You are a helpful, witty, and friendly AI.',
    tools: [],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: null,
    prompt: null,
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24000 },
        turn_detection: {
          type: 'server_vad',
          threshold: 0.5,
          prefix_padding_ms: 300,
          silence_duration_ms: 200,
          create_response: true,
          interrupt_response: true,
        },
      },
      output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'alloy', speed: 1 },
    },
  };
}

type Json = Record<string, unknown>;

const namedVoices = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];

/**
 * Why the API would refuse the output voice a session asks for, in its wording: a voice is one of the named
 * voices, or a custom voice as `{id: "voice_…"}` (any such id is taken: the fake keeps no account's voices).
 */
export function voiceFault(session: Json): string | undefined {
  const voice = ((session['audio'] as Json | undefined)?.['output'] as Json | undefined)?.['voice'];
  if (voice === undefined || (typeof voice === 'string' && namedVoices.includes(voice))) return undefined;
  if (typeof voice === 'object' && voice !== null && typeof (voice as Json)['id'] === 'string' && /^voice_/.test((voice as Json)['id'] as string))
    return undefined;
  const shown = typeof voice === 'string' ? voice : JSON.stringify(voice);
  return `Invalid value: '${shown}'. Supported values are: ${namedVoices.map((name) => `'${name}'`).join(', ')}, or a custom voice {"id": "voice_…"}.`;
}

/**
 * Applies a session.update the way the API does: top-level fields replace, `audio.input` and
 * `audio.output` merge field by field, and `turn_detection` / `transcription` replace as a whole.
 */
export function mergeSession(current: ServerSession, update: Json): ServerSession {
  const { audio: audioUpdate, id: _id, object: _object, expires_at: _expiresAt, ...rest } = update as Json & { audio?: Json };
  const merged = { ...current, ...rest } as ServerSession;
  if (audioUpdate && typeof audioUpdate === 'object') {
    const audio = (current.audio ?? {}) as Json;
    merged.audio = {
      ...audio,
      input: { ...(audio['input'] as Json | undefined), ...(audioUpdate['input'] as Json | undefined) },
      output: { ...(audio['output'] as Json | undefined), ...(audioUpdate['output'] as Json | undefined) },
    } as ServerSession['audio'];
  }
  return merged;
}

export function toolNamesOf(session: ServerSession): string[] {
  return (session.tools ?? []).flatMap((tool) => ('name' in tool && typeof tool.name === 'string' ? [tool.name] : []));
}

/** Server VAD settings, or undefined when turn detection is off (push-to-talk). */
export function turnDetectionOf(
  session: ServerSession,
): { silenceDurationMs: number; prefixPaddingMs: number; createResponse: boolean; interruptResponse: boolean; idleTimeoutMs?: number } | undefined {
  const detection = session.audio?.input?.turn_detection as Json | null | undefined;
  if (!detection) return undefined;
  const semantic = detection['type'] === 'semantic_vad';
  return {
    // semantic_vad has no silence setting; its eagerness 'auto' waits about as long as a patient server_vad.
    silenceDurationMs: typeof detection['silence_duration_ms'] === 'number' ? detection['silence_duration_ms'] : semantic ? 600 : 500,
    prefixPaddingMs: typeof detection['prefix_padding_ms'] === 'number' ? detection['prefix_padding_ms'] : 300,
    createResponse: detection['create_response'] !== false,
    interruptResponse: detection['interrupt_response'] !== false,
    // The API supports the idle timeout on server_vad only.
    ...(!semantic && typeof detection['idle_timeout_ms'] === 'number' ? { idleTimeoutMs: detection['idle_timeout_ms'] } : {}),
  };
}

/**
 * The session a new connection starts with: the config its `ek_` secret was minted with, else the defaults
 * for the model in the URL. A model in the URL wins, as with the real API.
 */
export function startingSession(credential: Credential, model: string | null): ServerSession {
  const session =
    credential.kind === 'clientSecret'
      ? { ...structuredClone(credential.secret.session), id: newId('sess') }
      : defaultSession(model ?? DEFAULT_REALTIME_MODEL);
  if (model) session.model = model;
  return session;
}
