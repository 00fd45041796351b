import { describe, expect, it } from 'vitest';
import { sessionToTest } from '../../../src-shared/scenarioTests/sessionToTest';
import { observedSample, withTurn } from './sampleSession';

const naming = { scenarioId: 'customerServiceRetail', startAgent: 'authentication', name: 'returns a snowboard' };

describe('a test drafted from a saved session', () => {
  it('turns each user turn of the sample into its text with the tool calls as made and the handoff that happened', () => {
    const draft = sessionToTest(observedSample(), naming);
    expect(draft.scenario).toBe('customerServiceRetail');
    expect(draft.tests).toHaveLength(1);
    const [test] = draft.tests;
    expect(test.name).toBe('returns a snowboard');
    expect(test.startAgent).toBe('authentication');
    expect(test.turns).toHaveLength(3);
    expect(test.turns[0]).toEqual({ user: 'Hi, I bought a snowboard last week and I want to send it back.', expect: { noToolCalls: true } });
    expect(test.turns[1]).toEqual({
      user: 'My phone number is 206 135 1246 and the last four digits of my card are 1 2 3 4.',
      expect: {
        toolCalls: [
          {
            name: 'authenticate_user_information',
            arguments: { phone_number: '(206) 135-1246', last_4_digits: '1234', last_4_digits_type: 'credit_card' },
          },
          { name: 'lookupOrders', arguments: { phoneNumber: '(206) 135-1246' } },
        ],
        handoffTo: 'returns',
      },
    });
    expect(Object.keys(test.turns[2]!.expect)).toEqual(['toolCalls']);
    expect(test.turns[2]!.expect.toolCalls!.map((call) => call.name)).toEqual(['checkEligibilityAndPossiblyInitiateReturn']);
  });

  it('expresses a transfer_to_ call as handoffTo (the last handoff of the turn), never as a tool call', () => {
    const sample = observedSample();
    const handedTwice = withTurn(sample, 0, () => ({
      toolCalls: [{ ...sample.turns[1]!.toolCalls[1]!, name: 'transfer_to_returns', arguments: {} }],
      handoffs: [
        { from: 'authentication', to: 'returns' },
        { from: 'returns', to: 'sales' },
      ],
    }));
    expect(sessionToTest(handedTwice, naming).tests[0].turns[0]!.expect).toEqual({ noToolCalls: true, handoffTo: 'sales' });
  });

  it('leaves out what the assistant said before the first user turn', () => {
    const sample = observedSample();
    const draft = sessionToTest({ ...sample, opening: { ...sample.turns[0]!, index: 0, user: '' } }, naming);
    expect(draft.tests[0].turns.map((turn) => turn.user)).toEqual(sample.turns.map((turn) => turn.user));
  });
});
