import type { Draft } from './transcriptDraft';

/**
 * Hosted MCP items in the transcript, shown like function calls: an `mcp_approval_request` is the call while it
 * waits for the user's decision, and the `mcp_call` that follows (naming it by `approval_request_id`) fills in
 * the same entry; a call nobody had to approve is an entry of its own. Its output is the server's answer, or
 * the error the API reports; its duration runs from the call's first item event to the one that finished it.
 * A list of the server's tools is a notice.
 */

type Payload = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function isMcpItem(item: Payload | undefined): boolean {
  const type = item?.['type'];
  return type === 'mcp_call' || type === 'mcp_approval_request' || type === 'mcp_list_tools';
}

function listNotice(draft: Draft, item: Payload, done: boolean): void {
  const id = str(item['id']);
  const tools = Array.isArray(item['tools']) ? (item['tools'] as Payload[]) : [];
  if (!id || !done) return;
  const names = tools.map((tool) => str(tool['name']) ?? '?');
  draft.put({
    kind: 'notice',
    id: `mcp-list-${id}`,
    level: 'info',
    text: `MCP server ${str(item['server_label']) ?? '?'}: ${names.length === 0 ? 'no tools' : `tools ${names.join(', ')}`}`,
  });
}

/** Folds one MCP item (from an item or output-item event at stream time `t`) into the transcript. */
export function applyMcpItem(draft: Draft, item: Payload, done: boolean, t: number): void {
  if (item['type'] === 'mcp_list_tools') return listNotice(draft, item, done);
  const itemId = str(item['id']);
  const entryId = str(item['approval_request_id']) ?? itemId;
  if (!itemId || !entryId) return;
  const current = draft.tool(entryId);
  const serverLabel = str(item['server_label']) ?? current.mcp?.serverLabel ?? '?';
  const args = str(item['arguments']);
  const base = {
    ...current,
    name: str(item['name']) ?? current.name,
    // The call's own item once it runs, so its argument deltas and status events find it.
    itemId: item['type'] === 'mcp_call' ? itemId : (current.itemId ?? itemId),
    ...(args && current.argumentsFrom !== 'item' ? { arguments: args, argumentsFrom: 'item' as const } : {}),
  };
  if (item['type'] === 'mcp_approval_request') {
    draft.put({ ...base, mcp: { serverLabel } });
    return;
  }
  const startedAt = current.mcp?.startedAt ?? t;
  const error = item['error'] as Payload | null | undefined;
  const output = str(item['output']) ?? (error ? `error: ${str(error['message']) ?? str(error['type']) ?? 'failed'}` : undefined);
  const finished = done && output !== undefined;
  draft.put({
    ...base,
    output: output ?? current.output,
    status: finished ? 'done' : current.status,
    mcp: { serverLabel, startedAt, ...(finished ? { durationMs: Math.round(t - startedAt), failed: !!error } : {}) },
  });
}
