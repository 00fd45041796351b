import { describe, expect, it } from 'vitest';
import { scenarioReferenceIssues } from '../../../src-shared/scenario';

const agent = (name: unknown, more: Record<string, unknown> = {}) => ({ name, ...more });

describe('scenario references', () => {
  it('finds nothing wrong in a scenario whose names all point at something', () => {
    expect(
      scenarioReferenceIssues({
        defaultAgent: 'a',
        agents: [agent('a', { handoffs: ['b'], tools: [{ runsOn: 'agent' }, { runsOn: 'supervisor' }] }), agent('b', { handoffs: ['a'] })],
        supervisor: {},
      }),
    ).toEqual([]);
  });

  it('names the agents there are when the default agent is not one of them, or says there are none', () => {
    expect(scenarioReferenceIssues({ defaultAgent: 'ghost', agents: [agent('a'), agent('b')] })).toEqual([
      { path: ['defaultAgent'], message: 'names no agent of this scenario (agents: a, b)' },
    ]);
    expect(scenarioReferenceIssues({ defaultAgent: 'ghost', agents: [] })).toEqual([
      { path: ['defaultAgent'], message: 'names no agent of this scenario (agents: none)' },
    ]);
  });

  it('reports a repeated agent name at the repeat, once per repeat', () => {
    expect(scenarioReferenceIssues({ defaultAgent: 'a', agents: [agent('a'), agent('b'), agent('a'), agent('a')] })).toEqual([
      { path: ['agents', 2, 'name'], message: 'repeats the agent name a' },
      { path: ['agents', 3, 'name'], message: 'repeats the agent name a' },
    ]);
  });

  it('reports each handoff to a missing agent at its own position', () => {
    expect(scenarioReferenceIssues({ agents: [agent('a', { handoffs: ['a', 'ghost', 7, 'phantom'] })] })).toEqual([
      { path: ['agents', 0, 'handoffs', 1], message: 'names no agent of this scenario: ghost' },
      { path: ['agents', 0, 'handoffs', 3], message: 'names no agent of this scenario: phantom' },
    ]);
  });

  it('reports a tool that runs on a section the scenario lacks, for the supervisor and for escalation', () => {
    expect(
      scenarioReferenceIssues({
        agents: [agent('a', { tools: [{ runsOn: 'escalation' }, { runsOn: 'supervisor' }, { runsOn: 'agent' }, 'junk'] })],
        escalation: {},
      }),
    ).toEqual([{ path: ['agents', 0, 'tools', 1, 'runsOn'], message: 'is "supervisor" but the scenario has no supervisor section' }]);
    expect(scenarioReferenceIssues({ agents: [agent('a', { tools: [{ runsOn: 'escalation' }] })] })).toEqual([
      { path: ['agents', 0, 'tools', 0, 'runsOn'], message: 'is "escalation" but the scenario has no escalation section' },
    ]);
  });

  it('reads a malformed scenario loosely: agents that are not objects and names that are not text count as no agent', () => {
    expect(scenarioReferenceIssues({ defaultAgent: 'a', agents: ['a', null, [agent('a')], agent(3), agent(3)] })).toEqual([
      { path: ['defaultAgent'], message: 'names no agent of this scenario (agents: none)' },
    ]);
    expect(scenarioReferenceIssues({ defaultAgent: 7, agents: 'a' })).toEqual([]);
    expect(scenarioReferenceIssues(null)).toEqual([]);
    expect(scenarioReferenceIssues([agent('a')])).toEqual([]);
    expect(scenarioReferenceIssues({ agents: [agent('a', { handoffs: 'b', tools: { runsOn: 'supervisor' } })] })).toEqual([]);
  });
});
