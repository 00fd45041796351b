import { defaultScript } from '../fake-openai/defaultScript';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

const TURNS = 72;
/** One long reply: each word is one streamed text delta, so 72 turns stream well over 100,000 events. */
const LONG_REPLY = Array.from({ length: 1_450 }, (_, index) => `w${index}`).join(' ');

const script = defaultScript();
script.realtime.unshift({ name: 'long reply', agent: 'greeter', userSaid: 'turn ', say: LONG_REPLY });

test.describe('a long text session', () => {
  test.use({ script, deltaIntervalMs: 1 });
  test.setTimeout(15 * 60_000);

  test(`${TURNS} turns streaming over 100,000 events: every event stays in view, typed messages echo fast, memory stays bounded`, async ({ app }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('simpleHandoff');
    await app.getByLabel('Output', { exact: true }).selectOption('text');
    await driver.connect();
    // Echo: from the Send click to the user's message on screen, measured in the page itself.
    await app.evaluate(() => {
      const times: number[] = [];
      (window as unknown as { __echo: number[] }).__echo = times;
      document.addEventListener(
        'submit',
        (event) => {
          const text = ((event.target as HTMLFormElement).querySelector('input') as HTMLInputElement).value;
          const sent = performance.now();
          const observer = new MutationObserver(() => {
            const shown = [...document.querySelectorAll('[data-testid="message-user"]')].some((element) => element.textContent?.includes(text));
            if (!shown) return;
            times.push(performance.now() - sent);
            observer.disconnect();
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        },
        true,
      );
    });
    const cdp = await app.context().newCDPSession(app);
    await cdp.send('Performance.enable');
    const heapMiB = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0) / 1048576;
    };
    // The search worker's heap, which holds the search text: read through the page's CDP session, to which the
    // dedicated worker attaches as a child target (messages to it go through Target.sendMessageToTarget).
    const workers = new Map<string, string>();
    cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => void workers.set(targetInfo.url, sessionId));
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    let nextCall = 1;
    const callWorker = (sessionId: string, method: string) =>
      new Promise<Record<string, number>>((resolve) => {
        const id = nextCall++;
        const onMessage = (event: { sessionId?: string; message: string }) => {
          const message = JSON.parse(event.message) as { id?: number; result?: Record<string, number> };
          if (event.sessionId !== sessionId || message.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          resolve(message.result ?? {});
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
      });
    const searchWorkerHeapMiB = async () => {
      const sessionId = [...workers].find(([url]) => /searchIndex\.worker/.test(url))?.[1];
      if (sessionId === undefined) return undefined;
      await callWorker(sessionId, 'HeapProfiler.collectGarbage');
      return (await callWorker(sessionId, 'Runtime.getHeapUsage'))['usedSize']! / 1048576;
    };
    const heaps: number[] = [];
    for (let turn = 1; turn <= TURNS; turn += 1) {
      await driver.say(`turn ${turn}`);
      await expect(driver.userMessage(`turn ${turn}`)).toBeVisible();
      // The reply is there (two entries a turn) and has finished streaming.
      await expect(app.getByText(`${turn * 2} entries`)).toBeVisible({ timeout: 60_000 });
      await expect(app.getByTestId('transcript').getByText('streaming', { exact: true })).toHaveCount(0, { timeout: 60_000 });
      await expect(driver.assistantMessage(/w1449$/).last()).toBeVisible();
      if (turn % 24 === 0) heaps.push(await heapMiB());
    }

    const count = await app.getByTestId('event-count').textContent();
    // Unfiltered, the inspector says how many events there are; it says "N of M shown" only when filtering.
    const total = Number(/^(\d+) events$/.exec(count ?? '')![1]);
    expect(total).toBeGreaterThan(100_000);
    // The inspector's search text was built as the events arrived, by the page's search worker, which holds it.
    expect(app.workers().map((worker) => worker.url())).toContainEqual(expect.stringMatching(/searchIndex\.worker/));
    const workerHeap = await searchWorkerHeapMiB();
    expect(workerHeap).toBeGreaterThan(1);
    // The session's first search, as a person sees it: from typing a type name to the filtered count on screen.
    await app.evaluate(() => {
      (window as unknown as { __firstSearch: Promise<number> }).__firstSearch = new Promise<number>((resolve) => {
        const input = document.querySelector<HTMLInputElement>('input[aria-label="Filter events"]')!;
        const onInput = () => {
          const typed = performance.now();
          const observer = new MutationObserver(() => {
            if (!/^1 of \d+ shown$/.test(document.querySelector('[data-testid="event-count"]')?.textContent ?? '')) return;
            observer.disconnect();
            resolve(performance.now() - typed);
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        };
        input.addEventListener('input', onInput, { once: true });
      });
    });
    // Every event is still there: the first one of the session, and the last.
    await expect(await driver.filterEvents('session.started')).toHaveCount(1);
    const firstSearchMs = await app.evaluate(() => (window as unknown as { __firstSearch: Promise<number> }).__firstSearch);
    // The search text is held from here on whichever way it was built: ahead, or by this first search.
    const heapAfterSearch = await heapMiB();
    await app.getByLabel('Filter events').fill('');

    const echoes = await app.evaluate(() => (window as unknown as { __echo: number[] }).__echo);
    expect(echoes).toHaveLength(TURNS);
    const medianOf = (times: readonly number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    const median = medianOf(echoes);
    console.log(
      `long session: ${total} events, echo median ${median.toFixed(1)} ms, JS heap after 24/48/72 turns ${heaps.map((heap) => heap.toFixed(0)).join('/')} MiB`,
    );
    // Flat: a typed message echoes as fast with 100,000 events behind it as with a few thousand.
    console.log(`bench echo median, first 10 turns: ${medianOf(echoes.slice(0, 10)).toFixed(1)} ms`);
    console.log(`bench echo median, last 10 turns: ${medianOf(echoes.slice(-10)).toFixed(1)} ms`);
    console.log(`long session: first search, typed to shown: ${firstSearchMs.toFixed(0)} ms; JS heap after it ${heapAfterSearch.toFixed(0)} MiB`);
    console.log(`long session: search worker's JS heap after 72 turns ${workerHeap!.toFixed(0)} MiB (the search text, held off the page)`);
    expect(median).toBeLessThan(100);
    // Bounded: the heap holds the events themselves and little else, and does not grow faster as the session gets longer.
    expect(heaps.at(-1)).toBeLessThan(150);
    expect(heaps[2]! - heaps[1]!).toBeLessThan((heaps[1]! - heaps[0]!) * 1.5 + 20);
  });
});
