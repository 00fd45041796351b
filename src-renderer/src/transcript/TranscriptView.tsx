import { useState, type FormEvent } from 'react';
import { useStickToBottom } from '../app/useStickToBottom';
import { JsonView, darkStyles, defaultStyles } from 'react-json-view-lite';
import { useIsDark } from '../app/useResolvedTheme';
import { useEventStore } from '../events/eventStore';
import { sendText } from '../session/sessionActions';
import { useSessionStore } from '../session/sessionStore';
import { transcriptToText, type BackendCall, type GuardrailVerdict, type TranscriptEntry } from './transcriptModel';

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  const dark = useIsDark();
  if (value === undefined) return null;
  return (
    <div className="json-block">
      <div className="json-label">{label}</div>
      {typeof value === 'object' && value !== null ? (
        <JsonView style={dark ? darkStyles : defaultStyles} data={value as object} shouldExpandNode={(level) => level < 4} />
      ) : (
        <pre className="json-text">{String(value)}</pre>
      )}
    </div>
  );
}

function GuardrailBadge({ verdict }: { verdict: GuardrailVerdict | undefined }) {
  if (!verdict) return null;
  if (verdict.status === 'pending') return <span className="badge badge-pending">guardrail: checking…</span>;
  if (verdict.status === 'error')
    return (
      <span className="badge badge-warn" title={verdict.message}>
        guardrail: not checked
      </span>
    );
  return (
    <span className={verdict.status === 'fail' ? 'badge badge-fail' : 'badge badge-pass'} title={verdict.rationale} data-testid="guardrail-verdict">
      {verdict.status === 'fail' ? `guardrail tripped: ${verdict.category}` : 'guardrail: pass'}
    </span>
  );
}

function BackendSummary({ backend }: { backend: BackendCall }) {
  const label = backend.kind === 'supervisor' ? 'Supervisor' : 'Escalation';
  if (backend.status === 'running') return <span className="badge badge-pending">{label}: thinking…</span>;
  if (backend.status === 'failed') return <span className="badge badge-fail">{`${label} failed: ${backend.error ?? ''}`}</span>;
  const usage = backend.usage ? ` · ${backend.usage.totalTokens} tok` : '';
  return <span className="badge badge-info">{`${label} · ${backend.model ?? ''} · ${Math.round(backend.durationMs ?? 0)} ms${usage}`}</span>;
}

function Entry({ entry }: { entry: TranscriptEntry }) {
  switch (entry.kind) {
    case 'message':
      return (
        <div
          className={`message message-${entry.role}${entry.guardrail?.status === 'fail' ? ' message-tripped' : ''}`}
          data-testid={`message-${entry.role}`}
        >
          <div className="message-meta">
            <span className="message-author">{entry.role === 'user' ? 'You' : (entry.agent ?? 'Assistant')}</span>
            {entry.status === 'streaming' && <span className="badge badge-pending">streaming</span>}
            {entry.status === 'interrupted' && <span className="badge badge-warn">interrupted</span>}
            <GuardrailBadge verdict={entry.guardrail} />
          </div>
          <div className="message-text">{entry.text || (entry.role === 'user' ? '(transcribing…)' : '…')}</div>
          {entry.guardrail?.status === 'fail' && <div className="message-rationale">{entry.guardrail.rationale}</div>}
        </div>
      );
    case 'tool':
      return (
        <details className="tool-call" data-testid="tool-call">
          <summary>
            <span className="tool-name">ƒ {entry.name}</span>
            <span className="badge">{entry.status === 'running' ? 'running…' : 'done'}</span>
            {entry.backend && <BackendSummary backend={entry.backend} />}
          </summary>
          <JsonBlock label="Arguments" value={parseJson(entry.arguments)} />
          {entry.backend && (
            <JsonBlock
              label={`${entry.backend.kind === 'supervisor' ? 'Supervisor' : 'Escalation'} result`}
              value={entry.backend.result ?? entry.backend.error}
            />
          )}
          <JsonBlock label="Result" value={parseJson(entry.output)} />
        </details>
      );
    case 'handoff':
      return (
        <div className="breadcrumb" data-testid="handoff">
          {entry.from ?? '…'} → {entry.to}
        </div>
      );
    case 'notice':
      return (
        <div className={entry.level === 'error' ? 'notice notice-error' : 'notice'} role={entry.level === 'error' ? 'alert' : undefined}>
          {entry.text}
        </div>
      );
  }
}

function Composer() {
  const [text, setText] = useState('');
  const connected = useSessionStore((state) => state.phase.status === 'connected');
  function submit(event: FormEvent) {
    event.preventDefault();
    sendText(text);
    setText('');
  }
  return (
    <form className="composer" onSubmit={submit}>
      <input
        className="input composer-input"
        aria-label="Message"
        placeholder={connected ? 'Type a message and press Enter' : 'Connect to send messages'}
        value={text}
        disabled={!connected}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button button-primary" disabled={!connected || text.trim() === ''}>
        Send
      </button>
    </form>
  );
}

export function TranscriptView() {
  const entries = useEventStore((state) => state.transcript.entries);
  const scroller = useStickToBottom<HTMLDivElement>(entries);
  const [copied, setCopied] = useState(false);

  return (
    <div className="transcript">
      <div className="panel-toolbar">
        <span className="panel-toolbar-title">{entries.length === 0 ? 'No conversation yet' : `${entries.length} entries`}</span>
        <button
          type="button"
          className="button button-small"
          disabled={entries.length === 0}
          onClick={() => void navigator.clipboard.writeText(transcriptToText(entries)).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : 'Copy as text'}
        </button>
      </div>
      <div className="transcript-scroll" ref={scroller} data-testid="transcript">
        {entries.length === 0 && <p className="empty-state">Pick a scenario and press Connect. Then talk, hold to talk, or type below.</p>}
        {entries.map((entry) => (
          <Entry key={`${entry.kind}:${entry.id}`} entry={entry} />
        ))}
      </div>
      <Composer />
    </div>
  );
}
