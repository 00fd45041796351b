import type { ObservedSession, ObservedTurn } from './observedTurns';

/** What a turn of a drafted test expects: the calls as they were made and the handoff that happened. */
export interface ExpectedTurn {
  readonly user: string;
  readonly expect: {
    readonly toolCalls?: readonly { readonly name: string; readonly arguments: unknown }[];
    readonly noToolCalls?: true;
    readonly handoffTo?: string;
  };
}

/** The `<name>.tests.json` shape: one test drafted from one session. */
export interface TestDraft {
  readonly scenario: string;
  readonly tests: readonly [{ readonly name: string; readonly startAgent: string; readonly turns: readonly ExpectedTurn[] }];
}

export interface DraftNaming {
  readonly scenarioId: string;
  readonly startAgent: string;
  readonly name: string;
}

/** The handoff tools the SDK adds (`transfer_to_returns`); a test says where the turn handed off instead. */
const HANDOFF_TOOL = /^transfer_to_/;

function expectedTurn(turn: ObservedTurn): ExpectedTurn {
  const toolCalls = turn.toolCalls.filter((call) => !HANDOFF_TOOL.test(call.name)).map((call) => ({ name: call.name, arguments: call.arguments }));
  const handoffTo = turn.handoffs.at(-1)?.to;
  return {
    user: turn.user,
    expect: {
      ...(toolCalls.length > 0 ? { toolCalls } : { noToolCalls: true as const }),
      ...(handoffTo === undefined ? {} : { handoffTo }),
    },
  };
}

/**
 * Drafts a scenario test from a saved session: each user turn (typed text or a spoken turn's transcript)
 * with the tool calls it made, their arguments as made, and where it handed off last, so that a re-run is
 * checked against what this session did. What the assistant did before the first user turn is not a turn.
 */
export function sessionToTest(observed: ObservedSession, naming: DraftNaming): TestDraft {
  return {
    scenario: naming.scenarioId,
    tests: [{ name: naming.name, startAgent: naming.startAgent, turns: observed.turns.map(expectedTurn) }],
  };
}
