import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useState } from 'react';
import { showEventsOf, useRevealStore } from '../../state/revealStore';
import { revealPanel } from '../../state/layoutStore';
import { useStickToBottom } from '../common/useStickToBottom';
import { JsonView } from 'react-json-view-lite';
import { jsonViewStyles } from '../common/jsonViewStyles';
import { useIsDark } from '../common/useResolvedTheme';
import { useShownStream, useShownSessionStore } from '../../state/shownSessionStore';
import {
  transcriptToText,
  type BackendCall,
  type ToolApprovalMark,
  type GuardrailVerdict,
  type TranscriptEntry,
} from '../../../../src-shared/transcript/transcriptModel';
import { transcriptToMarkdown, type MarkdownContext } from '../../../../src-shared/transcript/transcriptMarkdown';
import { downloadText, fileNameOf } from '../../platform/download';
import { findScenario } from '../../state/scenarioStore';
import { Composer } from './Composer';
import { MessageImages } from './MessageImages';
import './transcript.css';

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
        <JsonView style={jsonViewStyles(dark)} data={value as object} shouldExpandNode={(level) => level < 4} />
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

const approvalWords: Record<Exclude<ToolApprovalMark, 'waiting' | 'abandoned'>, string> = {
  approved: 'approved by you',
  edited: 'approved with your edited arguments',
  rejected: 'rejected by you',
};

/**
 * Where a tool call stands, in words: running, waiting for the user ("ask me"), done, and how the user
 * decided; `of` names the supervisor's own tool when the decision was about a call it made inside this one.
 */
function ToolStatus({ status, approval, of }: { status: 'running' | 'done'; approval: ToolApprovalMark | undefined; of: string | undefined }) {
  const whose = of ? `${of}: ` : '';
  if (approval === 'waiting') return <span className="badge badge-pending">{whose}waiting for your decision (Tools)</span>;
  if (approval === 'abandoned') return <span className="badge">{whose}abandoned: the session ended while it waited</span>;
  return (
    <>
      <span className="badge">{status === 'running' ? 'running…' : 'done'}</span>
      {approval && (
        <span className={approval === 'rejected' ? 'badge badge-fail' : 'badge'}>
          {whose}
          {approvalWords[approval]}
        </span>
      )}
    </>
  );
}

function BackendSummary({ backend, paused }: { backend: BackendCall; paused: boolean }) {
  const label = backend.kind === 'supervisor' ? 'Supervisor' : 'Escalation';
  if (backend.status === 'running')
    return <span className="badge badge-pending">{paused ? `${label}: paused for your decision` : `${label}: thinking…`}</span>;
  if (backend.status === 'failed') return <span className="badge badge-fail">{`${label} failed: ${backend.error ?? ''}`}</span>;
  const usage = backend.usage ? ` · ${backend.usage.totalTokens} tok` : '';
  return <span className="badge badge-info">{`${label} · ${backend.model ?? ''} · ${Math.round(backend.durationMs ?? 0)} ms${usage}`}</span>;
}

/** Narrows the inspector to this entry's events and brings it forward. */
function EventsButton({ id, label }: { id: string; label: string }) {
  return (
    <button
      type="button"
      className="button button-small button-link"
      title="Show this entry's events in the inspector"
      onClick={() => {
        showEventsOf({ id, label });
        revealPanel('events');
      }}
    >
      Events
    </button>
  );
}

function clipped(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** What a message without text shows: a user's audio still being transcribed, not transcribed, or silent. */
function emptyText(entry: Extract<TranscriptEntry, { kind: 'message' }>): string {
  if (entry.role === 'assistant') return '…';
  if (entry.transcription?.status === 'failed') return '(not transcribed)';
  return entry.transcription?.status === 'empty' ? '(no speech)' : '(transcribing…)';
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
            {entry.transcription?.status === 'failed' && <span className="badge badge-fail">transcription failed</span>}
            <GuardrailBadge verdict={entry.guardrail} />
            <EventsButton id={entry.id} label={`${entry.role} message “${clipped(entry.text || (entry.images?.length ? 'image' : ''))}”`} />
          </div>
          <MessageImages images={entry.images} />
          {(entry.text !== '' || !entry.images?.length) && <div className="message-text">{entry.text || emptyText(entry)}</div>}
          {entry.transcription?.status === 'failed' && (
            <div className="message-rationale">{`Transcription failed: ${entry.transcription.reason}`}</div>
          )}
          {entry.guardrail?.status === 'fail' && <div className="message-rationale">{entry.guardrail.rationale}</div>}
        </div>
      );
    case 'tool':
      return (
        <details className="tool-call" data-testid="tool-call">
          <summary>
            <span className="tool-name">ƒ {entry.name}</span>
            <ToolStatus status={entry.status} approval={entry.approval} of={entry.approvalOf} />
            {entry.mcp && (
              <span className={entry.mcp.failed ? 'badge badge-fail' : 'badge'} title="A hosted MCP tool: the Realtime API called the server">
                MCP {entry.mcp.serverLabel}
                {entry.mcp.durationMs !== undefined ? ` · ${entry.mcp.failed ? 'failed after ' : ''}${entry.mcp.durationMs} ms` : ''}
              </span>
            )}
            {entry.backend && <BackendSummary backend={entry.backend} paused={entry.approval === 'waiting' && entry.approvalOf !== undefined} />}
          </summary>
          <EventsButton id={entry.id} label={`tool call ${entry.name}`} />
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

/** What the Markdown export says the transcript is: the replayed log's header, or the live session's scenario. */
function markdownContext(): MarkdownContext {
  const shown = useShownSessionStore.getState().shown;
  if (shown.kind === 'replay') {
    const { header, name } = shown.replay.state.getState();
    if (!header) return { title: name, details: ['Imported Realtime event log'] };
    return {
      title: `${header.scenario.name}, ${new Date(header.startedAt).toLocaleString()}`,
      details: [
        `Scenario: ${header.scenario.name} (${header.scenario.id}), start agent ${header.setup.startAgent}`,
        `Started: ${header.startedAt}`,
        `Models: realtime ${header.models.realtime}, supervisor ${header.models.supervisor}, escalation ${header.models.escalation}, guardrail ${header.models.guardrail}`,
      ],
    };
  }
  const scenario = shown.kind === 'live' ? findScenario(shown.session.scenarioId) : undefined;
  return {
    title: `${scenario?.name ?? 'Session'}, ${new Date().toLocaleString()}`,
    details: scenario ? [`Scenario: ${scenario.name} (${scenario.id})`] : [],
  };
}

export function TranscriptView() {
  const entries = useShownStream((state) => state.transcript.entries);
  const index = useShownStream((state) => state.transcript.index);
  const target = useRevealStore((state) => state.transcriptTarget);
  const scroller = useStickToBottom<HTMLDivElement>(entries);
  const [copied, setCopied] = useState(false);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 56,
    overscan: 12,
    getItemKey: (index) => {
      const entry = entries.at(index)!;
      return `${entry.kind}:${entry.id}`;
    },
  });

  // "Show in transcript" from the inspector: scroll to the entry of that item or call and mark it.
  const targetRow = target === undefined ? undefined : (index.get(`message:${target.id}`) ?? index.get(`tool:${target.id}`));
  useEffect(() => {
    if (targetRow !== undefined) virtualizer.scrollToIndex(targetRow, { align: 'center' });
  }, [target, targetRow, virtualizer]);

  return (
    <div className="transcript panel-root">
      <div className="panel-toolbar">
        <span className="panel-toolbar-title">{entries.length === 0 ? 'No conversation yet' : `${entries.length} entries`}</span>
        <button
          type="button"
          className="button button-small"
          disabled={entries.length === 0}
          onClick={() => void navigator.clipboard.writeText(transcriptToText(entries.toArray())).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : 'Copy as text'}
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={entries.length === 0}
          onClick={() => {
            const context = markdownContext();
            downloadText(fileNameOf(context.title, '.md'), transcriptToMarkdown(entries.toArray(), context), 'text/markdown');
          }}
        >
          Export Markdown
        </button>
      </div>
      <div className="transcript-scroll" ref={scroller} role="region" aria-label="Conversation" tabIndex={0} data-testid="transcript">
        {entries.length === 0 && <p className="empty-state">Pick a scenario and press Connect. Then talk, hold to talk, or type below.</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => (
            <div
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              className={row.index === targetRow ? 'transcript-row transcript-row-target' : 'transcript-row'}
              data-target={row.index === targetRow ? 'true' : undefined}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}
            >
              <Entry entry={entries.at(row.index)!} />
            </div>
          ))}
        </div>
      </div>
      <Composer />
    </div>
  );
}
