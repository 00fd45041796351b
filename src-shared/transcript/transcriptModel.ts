import type { Usage } from '../contract';
import { PersistentList } from '../persistentList';
import { describeImage, type TranscriptImage } from './transcriptImages';

export type GuardrailVerdict =
  { status: 'pending' } | { status: 'pass' | 'fail'; category: string; rationale: string } | { status: 'error'; message: string };

export interface BackendCall {
  readonly kind: 'supervisor' | 'escalation';
  readonly status: 'running' | 'done' | 'failed';
  readonly request: unknown;
  readonly result?: unknown;
  readonly error?: string;
  readonly model?: string;
  readonly durationMs?: number;
  readonly usage?: Usage;
}

export type TranscriptEntry =
  | {
      readonly kind: 'message';
      readonly id: string;
      readonly role: 'user' | 'assistant';
      readonly agent: string | undefined;
      readonly text: string;
      readonly status: 'streaming' | 'done' | 'interrupted';
      readonly guardrail: GuardrailVerdict | undefined;
      /** A user audio message whose transcription failed (with the API's reason), or came back empty. */
      readonly transcription?: TranscriptionMark;
      /** The images a user message carried (`input_image`), when it carried any. */
      readonly images?: readonly TranscriptImage[];
    }
  | {
      readonly kind: 'tool';
      readonly id: string;
      readonly agent: string | undefined;
      readonly name: string;
      readonly arguments: string;
      readonly output: string | undefined;
      readonly status: 'running' | 'done';
      readonly backend: BackendCall | undefined;
      /** The conversation item of the call, when the stream named it: argument deltas may name the call by it alone. */
      readonly itemId?: string;
      /**
       * Where `arguments` came from, which says what may still replace it: the item's own arguments are final,
       * the stream's `function_call_arguments.done` replaces deltas, deltas only add to deltas.
       */
      readonly argumentsFrom?: ArgumentsSource;
      /** Set when the Tools panel held the call for the user ("ask me"): waiting, then the decision. */
      readonly approval?: ToolApprovalMark;
      /** When the mark is for a call the supervisor made inside this one (its own tool, set to "ask me"): that tool. */
      readonly approvalOf?: string;
      /** A hosted MCP call: the server that ran it, when it started (stream time) and how long it took. */
      readonly mcp?: { readonly serverLabel: string; readonly startedAt?: number; readonly durationMs?: number; readonly failed?: boolean };
    }
  | { readonly kind: 'handoff'; readonly id: string; readonly from: string | undefined; readonly to: string }
  | { readonly kind: 'notice'; readonly id: string; readonly level: 'info' | 'error'; readonly text: string };

export type TranscriptionMark = { readonly status: 'failed'; readonly reason: string } | { readonly status: 'empty' };

/** What gave a tool call its arguments, weakest first. */
export type ArgumentsSource = 'deltas' | 'done' | 'item';

/** A call held for the user: waiting, decided, or abandoned because the session ended while it waited. */
export type ToolApprovalMark = 'waiting' | 'approved' | 'edited' | 'rejected' | 'abandoned';

export interface TranscriptState {
  readonly entries: PersistentList<TranscriptEntry>;
  readonly activeAgent: string | undefined;
  readonly guardrailsEnabled: boolean;
  /** Ids of assistant messages whose guardrail verdict is still awaited. */
  readonly pendingGuardrails: readonly string[];
  /** Ids of tool calls still waiting for the user's decision. */
  readonly pendingApprovals: readonly string[];
  /**
   * Where each entry sits, by `kind:id`. Shared between successive states and only ever added to, so a
   * batch costs O(batch); `indexSize` says how much of it belongs to this state (see the reducer).
   */
  readonly index: Map<string, number>;
  readonly indexSize: number;
}

export function emptyTranscript(): TranscriptState {
  return {
    entries: PersistentList.empty(),
    activeAgent: undefined,
    guardrailsEnabled: false,
    pendingGuardrails: [],
    pendingApprovals: [],
    index: new Map(),
    indexSize: 0,
  };
}

const approvalWords: Record<ToolApprovalMark, string> = {
  waiting: 'held for a decision',
  approved: 'approved by the user',
  edited: 'approved with edited arguments',
  rejected: 'rejected by the user',
  abandoned: 'abandoned: the session ended while it waited',
};

/**
 * How the user decided a tool call held for them, in words for exports and the command line (naming the
 * supervisor's own tool when the decision was about a call it made inside this one); undefined when none was held.
 */
export function approvalText(entry: Extract<TranscriptEntry, { kind: 'tool' }>): string | undefined {
  if (!entry.approval) return undefined;
  return `${entry.approvalOf ? `${entry.approvalOf}: ` : ''}${approvalWords[entry.approval]}`;
}

/** The transcript as plain text, for the clipboard. */
export function transcriptToText(entries: readonly TranscriptEntry[]): string {
  return entries
    .map((entry) => {
      switch (entry.kind) {
        case 'message':
          return `${entry.role === 'user' ? 'User' : (entry.agent ?? 'Assistant')}: ${entry.text}${imagesText(entry.images)}${entry.status === 'interrupted' ? ' [interrupted]' : ''}${
            entry.transcription?.status === 'failed' ? ` [transcription failed: ${entry.transcription.reason}]` : ''
          }${entry.guardrail?.status === 'fail' ? ` [guardrail: ${entry.guardrail.category}]` : ''}`;
        case 'tool':
          return `[${entry.mcp ? `mcp ${entry.mcp.serverLabel}.` : 'tool '}${entry.name}(${entry.arguments})${entry.output !== undefined ? ` → ${entry.output}` : ''}]${
            entry.approval ? ` [${approvalText(entry)}]` : ''
          }`;
        case 'handoff':
          return `[handoff ${entry.from ?? '?'} → ${entry.to}]`;
        case 'notice':
          return `[${entry.level}] ${entry.text}`;
      }
    })
    .join('\n');
}

function imagesText(images: readonly TranscriptImage[] | undefined): string {
  return (images ?? []).map((image) => ` [${describeImage(image)}]`).join('');
}
