import type { ObservedTurn } from './observedTurns';

/** The conversation as the judge and the simulated caller read it: who said what, tool calls and handoffs. */
export function conversationText(turns: readonly ObservedTurn[], opening?: ObservedTurn): string {
  const lines: string[] = [];
  for (const turn of opening ? [opening, ...turns] : turns) {
    if (turn.index > 0) lines.push(`User: ${turn.user}`);
    for (const call of turn.toolCalls)
      lines.push(`(tool ${call.name}(${call.argumentsText})${call.output === undefined ? '' : ` → ${call.output}`})`);
    for (const handoff of turn.handoffs) lines.push(`(handed off from ${handoff.from ?? '?'} to ${handoff.to})`);
    for (const reply of turn.replies)
      lines.push(`Assistant${reply.agent ? ` (${reply.agent})` : ''}: ${reply.text}${reply.interrupted ? ' [interrupted]' : ''}`);
  }
  return lines.join('\n');
}
