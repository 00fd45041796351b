/** An error about the fake's own inputs (a script, a flag, a WAV, espeak), with a code a test or a tool can check. */
export class FakeOpenAIError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
