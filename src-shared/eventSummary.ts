import { formatDollars } from './cost';
import { sessionSettingsEventWords } from './session/sessionSettingsWords';
import type { SessionEvent } from './sessionEvent';

type Payload = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function clip(value: string, length = 60): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** `312 ms` under a second, `1.4 s` from there on. */
export function seconds(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined;
  const whole = Math.round(ms);
  return whole < 1000 ? `${whole} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function argumentsPreview(raw: unknown): string {
  const source = text(raw);
  if (!source) return '';
  try {
    const parsed = JSON.parse(source) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return `{${Object.entries(parsed as Payload)
        .map(([key, value]) => `${key}: ${typeof value === 'string' ? clip(value, 24) : clip(JSON.stringify(value), 24)}`)
        .join(', ')}}`;
    }
  } catch {
    // Arguments still streaming, or not JSON: show them as they are.
  }
  return clip(source, 48);
}

function itemSummary(item: Payload | undefined): string | undefined {
  if (!item) return undefined;
  const type = text(item['type']);
  if (type === 'function_call') return `function_call ${text(item['name']) ?? '?'} ${argumentsPreview(item['arguments'])}`.trim();
  if (type === 'function_call_output') return `function_call_output ${clip(text(item['output']) ?? '', 48)}`;
  if (type === 'mcp_call' || type === 'mcp_approval_request') {
    const error = text((item['error'] as Payload | null | undefined)?.['message']);
    const result = text(item['output']) ?? (error ? `error: ${error}` : undefined);
    const label = text(item['server_label']);
    const name = text(item['name']);
    const what = label || name ? ` ${label ?? '?'}.${name ?? '?'}` : '';
    const call = `${type}${what} ${argumentsPreview(item['arguments'])}`.trim();
    return result === undefined ? call : `${call} → ${clip(result, 48)}`;
  }
  if (type === 'mcp_approval_response') return `mcp_approval_response ${item['approve'] === true ? 'approved' : 'rejected'}`;
  if (type === 'mcp_list_tools') {
    const tools = Array.isArray(item['tools']) ? (item['tools'] as Payload[]) : [];
    const label = text(item['server_label']);
    return `mcp_list_tools${label ? ` ${label}` : ''}${tools.length > 0 ? `: ${tools.map((tool) => text(tool['name']) ?? '?').join(', ')}` : ''}`;
  }
  if (type === 'message') {
    const parts = Array.isArray(item['content']) ? (item['content'] as Payload[]) : [];
    const said = parts.map((part) => text(part['text']) ?? text(part['transcript']) ?? '').join('');
    const images = parts.filter((part) => part['type'] === 'input_image').length;
    return `${text(item['role']) ?? 'message'}${said ? `: “${clip(said)}”` : ''}${images > 0 ? ` + ${images} image${images === 1 ? '' : 's'}` : ''}`;
  }
  return type;
}

const toolModeWords: Record<string, string> = { scenario: 'scenario behaviour', canned: 'canned result', ask: 'ask me' };

function usageTokens(usage: unknown): number | undefined {
  const record = usage as Payload | undefined;
  return num(record?.['total_tokens']) ?? num(record?.['totalTokens']);
}

/**
 * One line that says what an event did, for the inspector's rows: `completed · 312 tokens`,
 * `function_call lookupOrders {phone: …}`, `supervisor gpt-4.1 · 1.4 s · 502 tokens`. Empty when the type says it all.
 */
/** What pressed or released push-to-talk (the `source` of `ptt.down` and `ptt.up`), in words. */
const pushToTalkSources: Record<string, string> = {
  button: 'Hold to talk button',
  key: 'key in the window',
  'global-hotkey': 'global hotkey',
  'focus-lost': 'released: the window lost focus',
};

export function summarizeEvent(event: SessionEvent): string {
  const payload = event.payload;
  switch (event.type) {
    case 'response.done': {
      const response = payload['response'] as Payload | undefined;
      const tokens = usageTokens(response?.['usage']);
      return [text(response?.['status']), tokens === undefined ? undefined : `${tokens} tokens`].filter(Boolean).join(' · ');
    }
    case 'response.output_item.added':
    case 'response.output_item.done':
    case 'conversation.item.added':
    case 'conversation.item.done':
    case 'conversation.item.created':
    case 'conversation.item.create':
    case 'conversation.item.retrieved':
      return itemSummary(payload['item'] as Payload | undefined) ?? '';
    case 'response.output_audio_transcript.delta':
    case 'response.output_text.delta':
    case 'response.function_call_arguments.delta':
    case 'response.mcp_call_arguments.delta':
    case 'conversation.item.input_audio_transcription.delta':
      return `“${clip(text(payload['delta']) ?? '', 40)}”`;
    case 'response.output_audio_transcript.done':
    case 'conversation.item.input_audio_transcription.completed':
      return `“${clip(text(payload['transcript']) ?? '')}”`;
    case 'response.output_text.done':
      return `“${clip(text(payload['text']) ?? '')}”`;
    case 'response.function_call_arguments.done':
    case 'response.mcp_call_arguments.done':
      return `${text(payload['name']) ?? ''} ${argumentsPreview(payload['arguments'])}`.trim();
    case 'conversation.item.input_audio_transcription.failed': {
      const error = payload['error'] as Payload | undefined;
      return `transcription failed: ${clip(text(error?.['message']) ?? text(error?.['code']) ?? 'no reason given', 80)}`;
    }
    case 'input_audio_buffer.timeout_triggered': {
      const silent = (num(payload['audio_end_ms']) ?? 0) - (num(payload['audio_start_ms']) ?? 0);
      return `no speech for ${seconds(Math.max(0, silent))}: idle timeout, the assistant is asked to go on`;
    }
    case 'session.settings':
      return sessionSettingsEventWords(payload);
    case 'mcp.tools': {
      const tools = Array.isArray(payload['tools']) ? (payload['tools'] as Payload[]) : [];
      return `${text(payload['agent']) ?? '?'}: ${tools.map((tool) => text(tool['name']) ?? '?').join(', ') || 'none'}`;
    }
    case 'error': {
      const error = payload['error'] as Payload | undefined;
      return `${text(error?.['code']) ?? text(error?.['type']) ?? 'error'}: ${clip(text(error?.['message']) ?? '', 80)}`;
    }
    case 'webrtc.stats':
      return num(payload['rttMs']) === undefined ? '' : `round trip ${num(payload['rttMs'])} ms`;
    case 'session.state':
      return [text(payload['status']), text(payload['step']) ?? text(payload['message'])].filter(Boolean).join(': ');
    case 'agent.changed':
      return `${text(payload['from']) ?? '?'} → ${text(payload['to']) ?? '?'}${payload['reason'] === 'user' ? ' (picked)' : ''}`;
    case 'prompt.applied': {
      const fields = Array.isArray(payload['fields']) ? payload['fields'].filter((field): field is string => typeof field === 'string') : [];
      const when = payload['active'] === true ? 'sent now' : 'from its next handoff';
      return `${text(payload['agent']) ?? '?'}: ${fields.join(', ') || 'no change'} · ${num(payload['instructionsLength']) ?? '?'} chars · ${
        payload['carriedOver'] === true ? 'carried over from the session before' : when
      }`;
    }
    case 'ptt.down':
    case 'ptt.up':
      return pushToTalkSources[String(payload['source'])] ?? '';
    case 'mic.changed':
      return `now ${text(payload['label']) ?? 'another microphone'}`;
    case 'mic.error':
    case 'speaker.error':
      return clip(text(payload['message']) ?? 'failed', 80);
    case 'mic.state':
      return payload['live'] === true ? 'live' : 'off';
    case 'guardrail.verdict':
      return `${payload['tripped'] === true ? 'tripped' : 'pass'} ${text(payload['category']) ?? ''} · ${seconds(num(payload['durationMs'])) ?? ''}`.trim();
    case 'session.minted':
      return [text(payload['model']), seconds(num(payload['durationMs']))].filter(Boolean).join(' · ');
    case 'budget.set': {
      const budget = num(payload['budgetUsd']);
      return budget ? formatDollars(budget) : 'none';
    }
    case 'budget.warning':
    case 'budget.exceeded': {
      const spent = num(payload['spentUsd']);
      const budget = num(payload['budgetUsd']);
      return spent !== undefined && budget ? `${formatDollars(spent)} of ${formatDollars(budget)} (${Math.round((spent / budget) * 100)} %)` : '';
    }
    case 'tool.mode':
      return `${text(payload['toolName']) ?? '?'} → ${toolModeWords[String(payload['mode'])] ?? String(payload['mode'])}${
        payload['mode'] === 'canned' ? ` ${clip(JSON.stringify(payload['cannedResult']) ?? '', 40)}` : ''
      }`;
    case 'tool.approval_requested':
      return `${text(payload['toolName']) ?? '?'} waiting for a decision ${argumentsPreview(JSON.stringify(payload['arguments']))}`.trim();
    case 'tool.approval':
      return `${text(payload['toolName']) ?? '?'} ${
        payload['decision'] === 'edited'
          ? `approved with edited arguments ${argumentsPreview(JSON.stringify(payload['editedArguments']))}`
          : payload['decision'] === 'rejected'
            ? `rejected: “${clip(text(payload['message']) ?? '', 48)}”`
            : 'approved'
      }`;
  }
  const [domain, phase] = event.type.split('.');
  if ((domain === 'supervisor' || domain === 'escalation') && phase === 'response') {
    const tokens = usageTokens(payload['usage']);
    return [
      text(payload['toolName']),
      text(payload['model']),
      seconds(num(payload['durationMs'])),
      num(payload['waitedMs']) ? `${seconds(num(payload['waitedMs']))} waiting for you` : undefined,
      tokens === undefined ? undefined : `${tokens} tokens`,
    ]
      .filter(Boolean)
      .join(' · ');
  }
  if ((domain === 'supervisor' || domain === 'escalation' || domain === 'guardrail') && phase === 'error')
    return clip(text(payload['message']) ?? 'failed', 80);
  if (domain === 'supervisor' || domain === 'escalation') return text(payload['toolName']) ?? '';
  if (event.type.endsWith('.delta') && typeof payload['delta'] === 'string' && payload['delta'].startsWith('[')) return payload['delta'];
  return '';
}

/** Whether an event reports a failure: the API's `error`, or one of the app's own `….error` events. */
export function isErrorEvent(event: SessionEvent): boolean {
  return event.type === 'error' || event.type.endsWith('.error') || (event.type === 'session.state' && event.payload['status'] === 'error');
}
