import { useState } from 'react';
import { isReasoningRealtimeModel, reasoningEfforts, type SessionSettings as Values } from '../../../../src-shared/session/sessionSettings';
import { useHostStore } from '../../state/hostStore';
import { FormRow as Row, SaveActions, useSettingsSave } from './settingsForm';

const transcriptionModels = [
  'gpt-4o-mini-transcribe',
  'gpt-transcribe',
  'gpt-live-transcribe',
  'gpt-realtime-whisper',
  'gpt-4o-transcribe',
  'whisper-1',
];

/** A number a setting may leave out: an emptied box is none. */
function OptionalNumber(props: {
  name: string;
  className: string;
  step?: number;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
}) {
  return (
    <input
      className={props.className}
      type="number"
      step={props.step}
      aria-label={props.name}
      value={props.value ?? ''}
      onChange={(event) => props.onChange(numberOrUndefined(event.target.valueAsNumber))}
    />
  );
}

/** A field left empty is left out, so the API's default (or the scenario's value) applies. */
function without<K extends keyof Values>(values: Values, key: K, value: Values[K] | undefined): Values {
  return Object.fromEntries(Object.entries({ ...values, [key]: value }).filter(([, entry]) => entry !== undefined)) as Values;
}

const numberOrUndefined = (value: number): number | undefined => (Number.isNaN(value) ? undefined : value);
const listOf = (text: string): string[] | undefined => {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length > 0 ? entries : undefined;
};

/**
 * Settings → Session: the Realtime session's own settings every session starts from. A scenario's `session`
 * object wins field by field; a running session takes a saved change at once, except tracing.
 */
export function SessionSettings() {
  const settings = useHostStore((state) => state.settings);
  const { draft, setDraft, save, submit } = useSettingsSave<{ session?: Values }>();
  const [listTexts, setListTexts] = useState<{ languages?: string; keywords?: string }>({});
  if (!settings) return null;

  const values: Values = draft.session ?? settings.session;
  const change = (next: Values) => setDraft({ session: next });
  const set = <K extends keyof Values>(key: K, value: Values[K] | undefined) => change(without(values, key, value));
  const invalid = (field: string) => (save.status === 'failed' && save.field?.startsWith(`session.${field}`) ? 'input input-invalid' : 'input');
  const transcription = values.transcription;
  const setTranscription = (patch: Partial<NonNullable<Values['transcription']>>) => {
    const merged = { model: transcription?.model ?? 'gpt-4o-mini-transcribe', ...transcription, ...patch };
    const next = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined && value !== ''));
    set('transcription', typeof next['model'] === 'string' ? (next as NonNullable<Values['transcription']>) : undefined);
  };
  const truncation = values.truncation;
  const truncationKind = truncation === undefined ? '' : typeof truncation === 'string' ? truncation : 'retention_ratio';
  const reasons = isReasoningRealtimeModel(settings.realtimeModel);

  return (
    <section className="panel" aria-labelledby="session-settings-heading">
      <h2 id="session-settings-heading" className="panel-title">
        Session
      </h2>
      <p className="form-note">
        Defaults for every realtime session. A scenario&apos;s own <code>session</code> values win over these, field by field. Saved changes reach a
        running session at once (a <code>session.update</code>), except tracing, which starts with the next session. An empty field leaves the
        API&apos;s default.
      </p>
      <form className="form-grid" onSubmit={(event) => void submit(event)}>
        <Row
          label="Reasoning effort"
          hint={
            reasons ? `${settings.realtimeModel} reasons` : `left out: ${settings.realtimeModel} does not reason (the gpt-realtime-2 family does)`
          }
        >
          <select
            className={invalid('reasoning')}
            aria-label="Reasoning effort"
            value={values.reasoning?.effort ?? ''}
            onChange={(event) =>
              set('reasoning', event.target.value ? { effort: event.target.value as (typeof reasoningEfforts)[number] } : undefined)
            }
          >
            <option value="">API default</option>
            {reasoningEfforts.map((effort) => (
              <option key={effort} value={effort}>
                {effort}
              </option>
            ))}
          </select>
        </Row>
        <Row label="Parallel tool calls" hint="reasoning models only">
          <select
            className={invalid('parallel_tool_calls')}
            aria-label="Parallel tool calls"
            value={values.parallel_tool_calls === undefined ? '' : String(values.parallel_tool_calls)}
            onChange={(event) => set('parallel_tool_calls', event.target.value === '' ? undefined : event.target.value === 'true')}
          >
            <option value="">API default</option>
            <option value="true">Allowed</option>
            <option value="false">One at a time</option>
          </select>
        </Row>
        <Row label="Tool choice" hint='a scenario can force one tool: {"type": "function", "name": …}'>
          <select
            className={invalid('tool_choice')}
            aria-label="Tool choice"
            value={typeof values.tool_choice === 'string' ? values.tool_choice : ''}
            onChange={(event) => set('tool_choice', (event.target.value || undefined) as Values['tool_choice'])}
          >
            <option value="">API default (auto)</option>
            <option value="auto">auto</option>
            <option value="none">none</option>
            <option value="required">required</option>
          </select>
        </Row>
        <Row label="Max output tokens" hint="1 to 4096 per response; empty is inf">
          <OptionalNumber
            name="Max output tokens"
            className={invalid('max_output_tokens')}
            value={typeof values.max_output_tokens === 'number' ? values.max_output_tokens : undefined}
            onChange={(value) => set('max_output_tokens', value)}
          />
        </Row>
        <Row label="Truncation" hint="what the server drops when the context is full">
          <select
            className={invalid('truncation')}
            aria-label="Truncation"
            value={truncationKind}
            onChange={(event) => {
              const kind = event.target.value;
              set(
                'truncation',
                kind === ''
                  ? undefined
                  : kind === 'retention_ratio'
                    ? { type: 'retention_ratio', retention_ratio: 0.8 }
                    : (kind as 'auto' | 'disabled'),
              );
            }}
          >
            <option value="">API default (auto)</option>
            <option value="auto">auto (drop the oldest)</option>
            <option value="disabled">disabled (error when full)</option>
            <option value="retention_ratio">retention ratio</option>
          </select>
        </Row>
        {typeof truncation === 'object' && (
          <>
            <Row label="Retention ratio" hint="0 to 1; share of the conversation kept when truncating">
              <input
                className={invalid('truncation.retention_ratio')}
                type="number"
                step={0.05}
                aria-label="Retention ratio"
                value={Number.isNaN(truncation.retention_ratio) ? '' : truncation.retention_ratio}
                onChange={(event) => set('truncation', { ...truncation, retention_ratio: event.target.valueAsNumber })}
              />
            </Row>
            <Row label="Token limit" hint="post_instructions: tokens after the instructions; empty is the model's">
              <OptionalNumber
                name="Post-instructions token limit"
                className={invalid('truncation.token_limits')}
                value={truncation.token_limits?.post_instructions}
                onChange={(limit) => {
                  const { token_limits: _limits, ...rest } = truncation;
                  set('truncation', limit === undefined ? rest : { ...rest, token_limits: { post_instructions: limit } });
                }}
              />
            </Row>
          </>
        )}
        <Row label="Transcription model" hint="transcribes what you say; shown on each of your messages">
          <input
            className={invalid('transcription')}
            aria-label="Transcription model"
            list="transcription-models"
            placeholder="gpt-4o-mini-transcribe"
            spellCheck={false}
            value={transcription?.model ?? ''}
            onChange={(event) => setTranscription({ model: event.target.value.trim() })}
          />
        </Row>
        <datalist id="transcription-models">
          {transcriptionModels.map((model) => (
            <option key={model} value={model} />
          ))}
        </datalist>
        <Row label="Languages" hint="ISO-639-1 codes, comma-separated (en, de); several need gpt-transcribe">
          <input
            className={invalid('transcription.language')}
            aria-label="Transcription languages"
            spellCheck={false}
            value={listTexts.languages ?? (transcription?.languages ?? (transcription?.language ? [transcription.language] : [])).join(', ')}
            onChange={(event) => {
              setListTexts({ ...listTexts, languages: event.target.value });
              const languages = listOf(event.target.value);
              setTranscription(
                languages && languages.length > 1 ? { languages, language: undefined } : { language: languages?.[0], languages: undefined },
              );
            }}
          />
        </Row>
        <Row label="Keywords" hint="comma-separated words to listen for (gpt-transcribe)">
          <input
            className={invalid('transcription.keywords')}
            aria-label="Transcription keywords"
            value={listTexts.keywords ?? (transcription?.keywords ?? []).join(', ')}
            onChange={(event) => {
              setListTexts({ ...listTexts, keywords: event.target.value });
              setTranscription({ keywords: listOf(event.target.value) });
            }}
          />
        </Row>
        <Row label="Transcription prompt" hint="style or vocabulary hints for the transcriber">
          <input
            className={invalid('transcription.prompt')}
            aria-label="Transcription prompt"
            value={transcription?.prompt ?? ''}
            onChange={(event) => setTranscription({ prompt: event.target.value })}
          />
        </Row>
        <Row label="Idle timeout (ms)" hint="5000 to 30000; server VAD only: after this much silence the assistant goes on">
          <OptionalNumber
            name="Idle timeout in ms"
            className={invalid('idle_timeout_ms')}
            step={1000}
            value={values.idle_timeout_ms ?? undefined}
            onChange={(value) => set('idle_timeout_ms', value)}
          />
        </Row>
        <Row label="Speech speed" hint="0.25 to 1.5; 1 is normal, changes between turns">
          <OptionalNumber
            name="Speech speed"
            className={invalid('speed')}
            step={0.05}
            value={values.speed}
            onChange={(value) => set('speed', value)}
          />
        </Row>
        <Row
          label="Tracing"
          hint="off by default; from the next session; named after the scenario, grouped by session id (the API returns no link: open Traces in the OpenAI dashboard)"
        >
          <input
            type="checkbox"
            role="switch"
            aria-label="Send traces to the OpenAI dashboard"
            checked={values.tracing === true}
            onChange={(event) => set('tracing', event.target.checked ? true : undefined)}
          />
        </Row>
        <SaveActions label="Save session settings" statusLabel="Session settings state" save={save} unchanged={draft.session === undefined} />
      </form>
    </section>
  );
}
