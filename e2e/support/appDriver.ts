import { expect, type Locator, type Page } from '@playwright/test';

/** What a user does in the app, in the app's own words (accessible names), so specs read as flows. */
export class AppDriver {
  constructor(readonly page: Page) {}

  get transcript(): Locator {
    return this.page.getByTestId('transcript');
  }

  get phase(): Locator {
    return this.page.getByTestId('session-phase');
  }

  async pickScenario(id: string): Promise<void> {
    await expect(this.page.getByLabel('Scenario', { exact: true })).toBeEnabled();
    await this.page.getByLabel('Scenario', { exact: true }).selectOption(id);
  }

  async connect(): Promise<void> {
    await this.page.getByRole('button', { name: 'Connect' }).click();
    await expect(this.phase).toHaveText('Connected', { timeout: 30_000 });
  }

  async say(text: string): Promise<void> {
    await this.page.getByLabel('Message', { exact: true }).fill(text);
    await this.page.getByRole('button', { name: 'Send' }).click();
  }

  assistantMessage(text: string | RegExp): Locator {
    return this.page.getByTestId('message-assistant').filter({ hasText: text });
  }

  userMessage(text: string | RegExp): Locator {
    return this.page.getByTestId('message-user').filter({ hasText: text });
  }

  toolCall(name: string): Locator {
    return this.page.getByTestId('tool-call').filter({ hasText: name });
  }

  /** Every event in the stream, in order, as the inspector exports it (its list only renders what is on screen). */
  async events(): Promise<{ seq: number; t: number; direction: string; type: string; payload: Record<string, unknown> }[]> {
    await this.page.getByLabel('Filter events').fill('');
    await this.page.getByRole('button', { name: /^(Copy as NDJSON|Copied \d+)$/ }).click();
    const ndjson = await this.page.evaluate(() => navigator.clipboard.readText());
    return ndjson
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; t: number; direction: string; type: string; payload: Record<string, unknown> });
  }

  async eventTypes(): Promise<string[]> {
    return (await this.events()).map((event) => event.type);
  }

  /** The shown transcript as plain text, through its Copy as text button (the list itself is virtualised). */
  async transcriptText(): Promise<string> {
    await this.page.getByRole('button', { name: /^(Copy as text|Copied)$/ }).click();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  async openSessions(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Sessions' }).click();
  }

  async openSettings(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Settings' }).click();
  }

  /** From now on, counts every key event the page receives, before any handler of its own sees it. */
  async countKeys(): Promise<void> {
    await this.page.evaluate(() => {
      const seen = { keys: 0 };
      Object.assign(window, { keysCounted: seen });
      for (const type of ['keydown', 'keyup']) window.addEventListener(type, () => (seen.keys += 1), { capture: true });
    });
  }

  /** How many key events the page has received since `countKeys()`. */
  keysCounted(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { keysCounted: { keys: number } }).keysCounted.keys);
  }

  async filterEvents(text: string): Promise<Locator> {
    await this.page.getByLabel('Filter events').fill(text);
    return this.page.locator('.event-row');
  }
}
