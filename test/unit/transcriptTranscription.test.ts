import { describe, expect, it } from 'vitest';
import { EventAnnotator } from '../../src-shared/eventAnnotations';
import { summarizeEvent } from '../../src-shared/eventSummary';
import { emptyTranscript, transcriptToText } from '../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../src-shared/transcript/transcriptReducer';
import { assistantItem, stream } from './streamFixtures';

const userAudio = (id: string) => ({ id, type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_audio', transcript: null }] });

const failedTurn = stream(
  ['app', 'session.started', { agent: 'greeter' }],
  ['server', 'input_audio_buffer.speech_started', { item_id: 'item_u1', audio_start_ms: 100 }],
  ['server', 'input_audio_buffer.committed', { item_id: 'item_u1' }],
  ['server', 'conversation.item.done', { item: userAudio('item_u1') }],
  [
    'server',
    'conversation.item.input_audio_transcription.failed',
    {
      item_id: 'item_u1',
      content_index: 0,
      error: { type: 'transcription_error', code: 'audio_unintelligible', message: 'Audio could not be transcribed.' },
    },
  ],
);

const idleTurn = stream(
  ['app', 'session.started', { agent: 'greeter' }],
  ['server', 'conversation.item.done', { item: assistantItem('item_a1', 'Hello, how can I help?') }],
  ['server', 'response.done', { response: { id: 'resp_1', status: 'completed' } }],
  ['server', 'input_audio_buffer.timeout_triggered', { item_id: 'item_u2', audio_start_ms: 1000, audio_end_ms: 9000 }],
  ['server', 'input_audio_buffer.committed', { item_id: 'item_u2' }],
  ['server', 'conversation.item.done', { item: userAudio('item_u2') }],
  ['server', 'conversation.item.input_audio_transcription.completed', { item_id: 'item_u2', content_index: 0, transcript: '' }],
);

describe('transcription and the idle timeout in the transcript', () => {
  it('marks the user message whose transcription failed, with the API reason, in the entry and its text export', () => {
    const entries = reduceTranscript(emptyTranscript(), failedTurn).entries.toArray();
    expect(entries).toEqual([
      expect.objectContaining({
        kind: 'message',
        role: 'user',
        text: '',
        transcription: { status: 'failed', reason: 'Audio could not be transcribed. (audio_unintelligible)' },
      }),
    ]);
    expect(transcriptToText(entries)).toBe('User:  [transcription failed: Audio could not be transcribed. (audio_unintelligible)]');
  });

  it('says in plain words that the idle timeout ran out, then shows the silent turn as such', () => {
    const entries = reduceTranscript(emptyTranscript(), idleTurn).entries.toArray();
    expect(entries.map((entry) => entry.kind)).toEqual(['message', 'notice', 'message']);
    expect(entries[1]).toMatchObject({ level: 'info', text: 'No speech for 8.0 s: the idle timeout ran out, so the assistant was asked to go on.' });
    expect(entries[2]).toMatchObject({ role: 'user', text: '', transcription: { status: 'empty' } });
  });

  it('keeps a normal transcription unmarked', () => {
    const heard = stream(
      ['server', 'conversation.item.done', { item: userAudio('item_u1') }],
      ['server', 'conversation.item.input_audio_transcription.completed', { item_id: 'item_u1', transcript: 'Hi there' }],
    );
    const [entry] = reduceTranscript(emptyTranscript(), heard).entries.toArray();
    expect(entry).toMatchObject({ text: 'Hi there' });
    expect(entry).not.toHaveProperty('transcription');
  });

  it('starts a new user turn in the inspector at the idle timeout, and summarises both events in words', () => {
    const annotator = new EventAnnotator();
    const turns = idleTurn.map((event) => annotator.annotate(event).turn);
    expect(turns[3]).toBe(turns[2]! + 1);
    expect(summarizeEvent(idleTurn[3]!)).toBe('no speech for 8.0 s: idle timeout, the assistant is asked to go on');
    expect(summarizeEvent(failedTurn[4]!)).toBe('transcription failed: Audio could not be transcribed.');
  });
});
