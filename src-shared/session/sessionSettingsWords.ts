import type { SessionSettings } from './sessionSettings';

type Payload = Record<string, unknown>;

function truncationWords(truncation: SessionSettings['truncation']): string | undefined {
  if (truncation === undefined || typeof truncation === 'string') return truncation;
  const limit = truncation.token_limits?.post_instructions;
  return `retention_ratio ${truncation.retention_ratio}${limit === undefined ? '' : `, post_instructions ${limit}`}`;
}

function transcriptionWords(transcription: SessionSettings['transcription']): string | undefined {
  if (!transcription) return undefined;
  const languages = transcription.languages ?? (transcription.language ? [transcription.language] : []);
  return `${transcription.model}${languages.length > 0 ? ` (${languages.join(', ')})` : ''}${
    transcription.keywords ? ` · ${transcription.keywords.length} keyword${transcription.keywords.length === 1 ? '' : 's'}` : ''
  }${transcription.prompt ? ' · prompt' : ''}`;
}

/** The session settings in one line, each as the API names it: `reasoning.effort low · speed 1.2 · tracing on`. */
export function sessionSettingsWords(values: SessionSettings): string {
  const toolChoice = typeof values.tool_choice === 'object' ? `function ${values.tool_choice.name}` : values.tool_choice;
  const parts: [string, string | number | undefined][] = [
    ['reasoning.effort', values.reasoning?.effort],
    ['parallel_tool_calls', values.parallel_tool_calls === undefined ? undefined : String(values.parallel_tool_calls)],
    ['tool_choice', toolChoice],
    ['max_output_tokens', values.max_output_tokens],
    ['truncation', truncationWords(values.truncation)],
    ['transcription', transcriptionWords(values.transcription)],
    ['idle_timeout_ms', values.idle_timeout_ms ?? undefined],
    ['speed', values.speed],
    ['tracing', values.tracing === undefined ? undefined : values.tracing ? 'on' : 'off'],
  ];
  const shown = parts.filter(([, value]) => value !== undefined).map(([name, value]) => `${name} ${value}`);
  return shown.length > 0 ? shown.join(' · ') : 'the API defaults';
}

/** The inspector's line for a `session.settings` app event. */
export function sessionSettingsEventWords(payload: Payload): string {
  const values = (payload['values'] ?? {}) as SessionSettings;
  const leftOut = Array.isArray(payload['leftOut']) ? (payload['leftOut'] as { field?: unknown; reason?: unknown }[]) : [];
  const nextSession = Array.isArray(payload['nextSession']) ? (payload['nextSession'] as unknown[]).map(String) : [];
  return [
    payload['when'] === 'update' ? 'changed' : 'at connect',
    sessionSettingsWords(values),
    ...leftOut.map((entry) => `${String(entry.field)} left out: ${String(entry.reason)}`),
    ...(nextSession.length > 0 ? [`${nextSession.join(', ')} from the next session`] : []),
  ].join(' · ');
}
