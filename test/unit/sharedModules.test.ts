import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { buildRawApi, unwrapApi, type ContractTransport } from '../../src-shared/bridge';
import { channels, type RawWorkbenchApi } from '../../src-shared/contract';
import { WorkbenchError, describeZodError } from '../../src-shared/errors';
import { ListDraft, PersistentList } from '../../src-shared/persistentList';
import { sessionEventSchema } from '../../src-shared/sessionEvent';
import { emptyTranscript, transcriptToText, type TranscriptEntry } from '../../src-shared/transcript/transcriptModel';

describe('typed errors', () => {
  it('carries its code, message and field, and says it is a WorkbenchError', () => {
    const error = new WorkbenchError('invalid_request', 'The theme is unknown.', 'theme');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WorkbenchError');
    expect(error.toData()).toEqual({ code: 'invalid_request', message: 'The theme is unknown.', field: 'theme' });
    expect(new WorkbenchError('internal', 'Broke.').toData()).toEqual({ code: 'internal', message: 'Broke.' });
    expect(Object.keys(new WorkbenchError('internal', 'Broke.').toData())).toEqual(['code', 'message']);
  });

  it('comes back from its data unchanged', () => {
    const error = WorkbenchError.fromData({ code: 'timeout', message: 'Too slow.', field: 'x' });
    expect(error).toBeInstanceOf(WorkbenchError);
    expect(error.toData()).toEqual({ code: 'timeout', message: 'Too slow.', field: 'x' });
  });

  it('names every field at fault in a zod error, the first one as the field', () => {
    const schema = z.object({ a: z.string(), b: z.object({ c: z.number() }) });
    const result = schema.safeParse({ a: 1, b: { c: 'x' } });
    const described = describeZodError(result.error!);
    expect(described.field).toBe('a');
    expect(described.message).toMatch(/^a: .+; b\.c: .+$/);
    expect(describeZodError(result.error!, 'settings').field).toBe('settings.a');
  });

  it('gives no field when the whole value is at fault', () => {
    const error = z.string().safeParse(3).error!;
    const described = describeZodError(error);
    expect(described).toEqual({ message: error.issues[0]!.message });
    expect(described).not.toHaveProperty('field');
    expect(describeZodError(new z.ZodError([]))).toEqual({ message: '' });
  });
});

describe('the persistent list', () => {
  const list = PersistentList.of(Array.from({ length: 70 }, (_, index) => index));

  it('has nothing outside its bounds', () => {
    expect(list.at(-1)).toBeUndefined();
    expect(list.at(70)).toBeUndefined();
    expect(list.at(69)).toBe(69);
    expect(PersistentList.empty<number>().at(0)).toBeUndefined();
    const draft = new ListDraft(list);
    expect(draft.at(-1)).toBeUndefined();
    expect(draft.at(70)).toBeUndefined();
    expect(draft.at(64)).toBe(64);
  });

  it('refuses to set an item outside its bounds, naming the index and the length', () => {
    const draft = new ListDraft(list);
    expect(() => draft.set(70, 0)).toThrow(new RangeError('No item 70 in a list of 70.'));
    expect(() => draft.set(-1, 0)).toThrow(RangeError);
  });

  it('keeps earlier edits to a chunk when the same batch edits it again', () => {
    const draft = new ListDraft(list);
    draft.set(1, 100);
    draft.set(2, 200);
    const next = draft.freeze();
    expect([next.at(1), next.at(2)]).toEqual([100, 200]);
    expect([list.at(1), list.at(2)]).toEqual([1, 2]);
  });
});

describe('session events', () => {
  const good = { seq: 0, t: 0, direction: 'server', type: 'session.created', payload: {} };
  it('accepts an event from the client, the server or the app', () => {
    for (const direction of ['client', 'server', 'app']) expect(sessionEventSchema.safeParse({ ...good, direction }).success).toBe(true);
    expect(sessionEventSchema.safeParse({ ...good, type: 'x' }).success).toBe(true);
  });
  it.each([
    ['an unknown direction', { direction: 'elsewhere' }],
    ['an empty type', { type: '' }],
    ['a negative position', { seq: -1 }],
    ['a fractional position', { seq: 1.5 }],
    ['a negative time', { t: -1 }],
    ['an extra field', { extra: 1 }],
  ])('refuses %s', (_label, change) => {
    expect(sessionEventSchema.safeParse({ ...good, ...change }).success).toBe(false);
  });
});

describe('the transcript as text', () => {
  it('writes each kind of entry on its own line, the way a person would read it', () => {
    const entries: TranscriptEntry[] = [
      { kind: 'message', id: '1', role: 'user', agent: undefined, text: 'Hi', status: 'done', guardrail: undefined },
      { kind: 'message', id: '2', role: 'assistant', agent: 'greeter', text: 'Hello', status: 'interrupted', guardrail: undefined },
      {
        kind: 'message',
        id: '3',
        role: 'assistant',
        agent: undefined,
        text: 'Rude',
        status: 'done',
        guardrail: { status: 'fail', category: 'OFFENSIVE', rationale: 'r' },
      },
      {
        kind: 'message',
        id: '4',
        role: 'assistant',
        agent: undefined,
        text: 'Fine',
        status: 'done',
        guardrail: { status: 'pass', category: 'NONE', rationale: 'r' },
      },
      { kind: 'tool', id: '5', agent: undefined, name: 'lookup', arguments: '{"a":1}', output: '{"ok":true}', status: 'done', backend: undefined },
      { kind: 'tool', id: '6', agent: undefined, name: 'wait', arguments: '{}', output: undefined, status: 'running', backend: undefined },
      { kind: 'handoff', id: '7', from: 'greeter', to: 'returns' },
      { kind: 'handoff', id: '8', from: undefined, to: 'returns' },
      { kind: 'notice', id: '9', level: 'error', text: 'Connection lost.' },
    ];
    expect(transcriptToText(entries).split('\n')).toEqual([
      'User: Hi',
      'greeter: Hello [interrupted]',
      'Assistant: Rude [guardrail: OFFENSIVE]',
      'Assistant: Fine',
      '[tool lookup({"a":1}) → {"ok":true}]',
      '[tool wait({})]',
      '[handoff greeter → returns]',
      '[handoff ? → returns]',
      '[error] Connection lost.',
    ]);
  });

  it('starts empty, with guardrails off and none pending', () => {
    expect(emptyTranscript()).toMatchObject({ activeAgent: undefined, guardrailsEnabled: false, pendingGuardrails: [], indexSize: 0 });
    expect(emptyTranscript().entries.length).toBe(0);
  });
});

describe('the bridge', () => {
  function fakeTransport(answer: (channel: string, request: unknown) => unknown): ContractTransport & { unsubscribe: () => void } {
    const unsubscribe = vi.fn();
    return {
      invoke: async (channel, request) => answer(channel, request) as never,
      subscribe: vi.fn(() => unsubscribe),
      unsubscribe,
    };
  }

  it('resolves with the value of a successful call and passes the request through', async () => {
    const transport = fakeTransport((channel, request) => ({ ok: true, value: { channel, request } }));
    const api = unwrapApi(buildRawApi(transport)) as unknown as Record<string, Record<string, (request?: unknown) => Promise<unknown>>>;
    await expect(api['settings']!['set']!({ voice: 'verse' })).resolves.toEqual({ channel: 'settings:set', request: { voice: 'verse' } });
  });

  it('rejects a failed call with a typed error carrying the code, message and field', async () => {
    const transport = fakeTransport(() => ({ ok: false, error: { code: 'invalid_request', message: 'Bad theme.', field: 'theme' } }));
    const api = unwrapApi(buildRawApi(transport)) as unknown as Record<string, Record<string, (request?: unknown) => Promise<unknown>>>;
    const failure = await api['settings']!['set']!({ theme: 'neon' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkbenchError);
    expect((failure as WorkbenchError).toData()).toEqual({ code: 'invalid_request', message: 'Bad theme.', field: 'theme' });
  });

  it('has one method per channel and keeps the raw event subscribers', () => {
    const transport = fakeTransport(() => ({ ok: true, value: null }));
    const raw = buildRawApi(transport);
    const api = unwrapApi(raw) as unknown as Record<string, Record<string, unknown>>;
    for (const { domain, verb } of channels) expect(typeof api[domain]![verb]).toBe('function');
    expect(api['events']).toBe(raw.events);
  });

  it('refuses a raw bridge that lacks a channel, naming it', () => {
    const raw = buildRawApi(fakeTransport(() => ({ ok: true, value: null }))) as unknown as Record<string, Record<string, unknown>>;
    delete raw['key']!['test'];
    expect(() => unwrapApi(raw as unknown as RawWorkbenchApi)).toThrow(
      new WorkbenchError('internal', 'The bridge has no method key.test; preload and renderer are out of step.'),
    );
    delete raw['scenarios'];
    expect(() => unwrapApi(raw as unknown as RawWorkbenchApi)).toThrow(/no method (key\.test|scenarios\.list)/);
  });
});
