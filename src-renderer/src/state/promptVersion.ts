import type { AgentConfig } from '../../../src-shared/scenario';

/** The part of an agent a prompt engineer edits live: its instructions and its tools' descriptions. */
export interface PromptVersion {
  readonly instructions: string;
  /** Tool name → description, in the agent's tool order. */
  readonly tools: Readonly<Record<string, string>>;
}

export function promptOf(agent: AgentConfig): PromptVersion {
  return { instructions: agent.instructions, tools: Object.fromEntries(agent.tools.map((tool) => [tool.name, tool.description])) };
}

/** The fields of `next` that differ from `base`: `instructions` and `tools.<name>.description`. */
export function changedFields(base: PromptVersion, next: PromptVersion): string[] {
  const fields = base.instructions === next.instructions ? [] : ['instructions'];
  for (const [name, description] of Object.entries(next.tools)) if (base.tools[name] !== description) fields.push(`tools.${name}.description`);
  return fields;
}

export function samePrompt(a: PromptVersion | undefined, b: PromptVersion | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return changedFields(a, b).length === 0 && changedFields(b, a).length === 0;
}

/** The whole prompt as one text, for the difference view: instructions, then each tool's description under its name. */
export function promptText(prompt: PromptVersion): string {
  const tools = Object.entries(prompt.tools).map(([name, description]) => `\n\n── tool ${name} ──\n${description}`);
  return `${prompt.instructions}${tools.join('')}\n`;
}

export interface PromptStatusInput {
  /** The agent in the scenario file now; undefined when the file no longer has it (or no longer loads). */
  readonly file: PromptVersion | undefined;
  /** Only for a running session: the prompt it was connected with, and the one it runs now. */
  readonly session: { readonly connected: PromptVersion; readonly running: PromptVersion } | undefined;
  readonly draft: PromptVersion;
}

export interface PromptStatusLine {
  readonly tone: 'ok' | 'warn' | 'info';
  readonly text: string;
}

/** What the panel says about the editor, the running session and the file, in words. */
export function promptStatus({ file, session, draft }: PromptStatusInput): PromptStatusLine[] {
  const lines: PromptStatusLine[] = [];
  if (file === undefined)
    lines.push({ tone: 'warn', text: 'The scenario file no longer has this agent (or no longer loads); Save is not possible.' });
  if (session) {
    const { connected, running } = session;
    const fileMoved = file !== undefined && !samePrompt(file, connected);
    if (file !== undefined && !samePrompt(running, file)) {
      if (fileMoved) {
        lines.push({
          tone: 'warn',
          text: samePrompt(draft, file)
            ? 'The file changed on disk since this session started — Apply to use it.'
            : 'The file changed on disk since this session started; the running session still uses its own prompt.',
        });
      }
      if (!samePrompt(running, connected)) lines.push({ tone: 'warn', text: 'The running session uses an edited prompt that is not saved.' });
    }
    if (!samePrompt(draft, running) && !(fileMoved && samePrompt(draft, file)))
      lines.push({ tone: 'info', text: 'Edited here, not applied to the running session yet.' });
    if (lines.length === 0) lines.push({ tone: 'ok', text: 'The running session uses the scenario file’s prompt.' });
    return lines;
  }
  if (file !== undefined && !samePrompt(draft, file)) lines.push({ tone: 'info', text: 'Edited here, not saved to the scenario file.' });
  if (lines.length === 0) lines.push({ tone: 'ok', text: 'Same as the scenario file.' });
  return lines;
}
