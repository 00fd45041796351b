import { useState, type FormEvent } from 'react';
import { requireApi, useHostStore } from '../../state/hostStore';

function describeKey(source: 'stored' | 'env' | null): string {
  if (source === 'stored') return 'A key is stored.';
  if (source === 'env') return 'Using OPENAI_API_KEY from the environment.';
  return 'No API key yet: add one to connect to OpenAI.';
}

export function KeyPanel() {
  const keyStatus = useHostStore((state) => state.keyStatus);
  const [apiKey, setApiKey] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [testing, setTesting] = useState(false);
  if (!keyStatus) return null;

  async function test() {
    setTesting(true);
    try {
      const result = await requireApi().key.test();
      setMessage({ text: result.message, error: !result.ok });
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    } finally {
      setTesting(false);
    }
  }

  async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      setApiKey('');
      setMessage({ text: done, error: false });
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(() => requireApi().key.set({ apiKey }), 'Key saved. It stays in the main process and is never shown again.');
  }

  return (
    <section className="panel" aria-labelledby="key-heading">
      <h2 id="key-heading" className="panel-title">
        OpenAI API key
      </h2>
      <p className="state-line" data-testid="key-status">
        {describeKey(keyStatus.source)}
      </p>
      {keyStatus.problem && (
        <p className="state-line state-error" role="alert" data-testid="key-problem">
          {keyStatus.problem}
        </p>
      )}
      <p className="form-hint">{keyStatus.storage.description}</p>
      <form className="inline-form" onSubmit={submit}>
        <input
          className="input"
          type="password"
          aria-label="API key"
          placeholder="sk-…"
          autoComplete="off"
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={apiKey.trim() === ''}>
          Save key
        </button>
        <button
          type="button"
          className="button"
          disabled={keyStatus.source !== 'stored' && !keyStatus.problem}
          onClick={() => void run(() => requireApi().key.clear(), 'Stored key removed.')}
        >
          Clear key
        </button>
        <button type="button" className="button" disabled={!keyStatus.hasKey || testing} onClick={() => void test()}>
          {testing ? 'Testing…' : 'Test key'}
        </button>
      </form>
      {message && (
        <p className={message.error ? 'state-line state-error' : 'state-line'} role="status">
          {message.text}
        </p>
      )}
    </section>
  );
}
