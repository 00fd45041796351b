import { describe, expect, it } from 'vitest';
import { NODE_HEIGHT, NODE_WIDTH, edgeGeometry, layoutAgents } from '../../../src-renderer/src/views/agents/graphLayout';
import type { AgentConfig } from '../../../src-shared/scenario';

const agent = (name: string, handoffs: string[]): AgentConfig => ({ name, publicDescription: name, instructions: name, handoffs, tools: [] });

describe('laying out a scenario’s agents', () => {
  it('puts the start agent on top and the agents it hands to in one row below, even when every agent hands to every other', () => {
    const names = ['authentication', 'returns', 'sales', 'simulatedHuman'];
    const positions = layoutAgents({
      defaultAgent: 'authentication',
      agents: names.map((name) =>
        agent(
          name,
          names.filter((other) => other !== name),
        ),
      ),
    });
    const top = positions.get('authentication')!;
    const row = ['returns', 'sales', 'simulatedHuman'].map((name) => positions.get(name)!);
    for (const place of row) expect(place.y).toBeGreaterThanOrEqual(top.y + NODE_HEIGHT);
    expect(new Set(row.map((place) => place.y)).size).toBe(1);
    const lefts = row.map((place) => place.x).sort((a, b) => a - b);
    expect(lefts[1]! - lefts[0]!).toBeGreaterThanOrEqual(NODE_WIDTH);
    expect(lefts[2]! - lefts[1]!).toBeGreaterThanOrEqual(NODE_WIDTH);
  });

  it('places every agent, also one no handoff reaches from the start agent', () => {
    const positions = layoutAgents({
      defaultAgent: 'greeter',
      agents: [agent('greeter', ['haikuWriter']), agent('haikuWriter', []), agent('orphan', [])],
    });
    expect([...positions.keys()]).toEqual(['greeter', 'haikuWriter', 'orphan']);
    for (const place of positions.values()) expect(Number.isFinite(place.x) && Number.isFinite(place.y)).toBe(true);
    expect(positions.get('haikuWriter')!.y).toBeGreaterThan(positions.get('greeter')!.y);
  });
});

describe('drawing a handoff', () => {
  const upper = { x: 0, y: 0, width: 100, height: 40 };
  const lower = { x: 0, y: 200, width: 100, height: 40 };

  it('starts on the border of the source box and ends on the border of the target box', () => {
    const numbers = edgeGeometry(upper, lower)
      .path.match(/-?\d+(\.\d+)?/g)!
      .map(Number);
    const [startX, startY] = numbers;
    const [endX, endY] = numbers.slice(-2);
    expect(startY).toBeCloseTo(40);
    expect(startX).toBeGreaterThanOrEqual(0);
    expect(startX).toBeLessThanOrEqual(100);
    expect(endY).toBeCloseTo(200);
    expect(endX).toBeGreaterThanOrEqual(0);
    expect(endX).toBeLessThanOrEqual(100);
  });

  it('draws the two directions between a pair apart, each with its label on its own curve', () => {
    const down = edgeGeometry(upper, lower);
    const up = edgeGeometry(lower, upper);
    expect(down.path).not.toBe(up.path);
    expect(Math.abs(down.labelX - up.labelX)).toBeGreaterThan(30);
    expect(down.labelY).toBeCloseTo(up.labelY);
  });
});
