import type { MintedSession } from '../../src-shared/contract';
import { WorkbenchError } from '../../src-shared/errors';
import { wireVoice, type Settings } from '../../src-shared/settings';
import { explainModelRefusal } from './modelRefusal';
import type { UpstreamClientFactory } from './openaiClient';

const SECRET_LIFETIME_SECONDS = 600;

/** Mints a short-lived `ek_` client secret for the renderer; the API key stays here. */
export async function mintSession(
  upstream: UpstreamClientFactory,
  settings: Settings,
  request: { model?: string | undefined; voice?: string | undefined },
): Promise<MintedSession> {
  const { call, baseUrl } = await upstream();
  const model = request.model ?? settings.realtimeModel;
  const minted = await call('Minting a realtime session', (client) =>
    client.realtime.clientSecrets.create({
      expires_after: { anchor: 'created_at', seconds: SECRET_LIFETIME_SECONDS },
      session: { type: 'realtime', model, audio: { output: { voice: wireVoice(request.voice ?? settings.voice) } } },
    }),
  );
  if (!minted.value.startsWith('ek_')) {
    throw new WorkbenchError('upstream_bad_output', `${baseUrl} answered the mint request without an ek_ client secret.`);
  }
  return { clientSecret: minted.value, expiresAt: minted.expires_at, model, callsUrl: `${baseUrl}/realtime/calls` };
}

/** Proves the key and base URL work by minting a throwaway secret; never throws for a refusal. */
export async function testKey(upstream: UpstreamClientFactory, settings: Settings): Promise<{ ok: boolean; message: string }> {
  try {
    const minted = await mintSession(upstream, settings, {});
    const { baseUrl } = await upstream();
    return { ok: true, message: `The key works: ${baseUrl} minted a ${minted.model} session.` };
  } catch (caught) {
    const error = explainModelRefusal(caught, 'realtimeModel', settings.realtimeModel);
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
