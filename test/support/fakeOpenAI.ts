import { afterEach } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../../e2e/fake-openai/server';

/** A fake OpenAI server per test, closed afterwards. */
export function useFakeOpenAI(): (options?: FakeOpenAIOptions) => Promise<FakeOpenAI> {
  const started: FakeOpenAI[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((fake) => fake.close()));
  });
  return async (options = {}) => {
    const fake = await startFakeOpenAI({ port: 0, speech: 'tone', ...options });
    started.push(fake);
    return fake;
  };
}
