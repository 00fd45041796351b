import { useEffect, useMemo } from 'react';
import type { AgentConfig, Scenario } from '../../../../src-shared/scenario';
import { requireApi } from '../../state/hostStore';
import { useShownStream, useShownSessionStore } from '../../state/shownSessionStore';
import { useScenarioStore } from '../../state/scenarioStore';
import { draftKey, setDraft, usePromptStore } from '../../state/promptStore';
import { changedFields, promptOf, promptStatus, samePrompt, type PromptStatusLine, type PromptVersion } from '../../state/promptVersion';

export interface PromptEditing {
  /** Replays show the prompt as it ran, read only. */
  readonly editable: boolean;
  readonly draft: PromptVersion;
  /** The scenario file's version now; undefined when the file no longer has the agent. */
  readonly file: PromptVersion | undefined;
  /** What a running session uses now; undefined without one. */
  readonly running: PromptVersion | undefined;
  readonly status: PromptStatusLine[];
  /** The file changed on disk while the editor held unsaved edits, which were kept. */
  readonly fileChangedUnderEdits: boolean;
  /** Whether the file's scenario is a shipped one (a save writes a user override). */
  readonly shipped: boolean;
  setInstructions(text: string): void;
  setToolDescription(tool: string, text: string): void;
  /** Runs the edited prompt in the live session, without reconnecting; resolves with whether the server got it at once. */
  apply(): Promise<boolean>;
  /** Writes the edited prompt to the scenario file; resolves with where it went. */
  save(): Promise<{ path: string; override: boolean }>;
  /** Back to the file's version (the running session keeps what it runs until Apply). */
  revert(): void;
}

/**
 * One agent's prompt in the panel: the editor's draft against the scenario file and the running session.
 * Drafts live in a store keyed by scenario and agent, so selecting another agent or a file reload never drops them.
 */
export function usePromptEditing(scenario: Scenario, agent: AgentConfig): PromptEditing {
  const shown = useShownSessionStore((state) => state.shown);
  const editable = shown.kind !== 'replay';
  const session = shown.kind === 'live' ? shown.session : undefined;
  const connected = useShownStream((state) => state.status.phase.status === 'connected');
  const fileScenario = useScenarioStore((state) => state.catalog?.scenarios.find((candidate) => candidate.id === scenario.id));
  const fileAgent = fileScenario?.agents.find((candidate) => candidate.name === agent.name);
  const file = useMemo(() => (fileAgent ? promptOf(fileAgent) : undefined), [fileAgent]);
  const shownPrompt = useMemo(() => promptOf(agent), [agent]);
  // What the session runs since a prompt.applied, folded from the stream like everything else.
  const appliedInStream = useShownStream((state) => state.prompts.get(agent.name));
  const applied = useMemo(
    () =>
      session && appliedInStream
        ? { instructions: appliedInStream.instructions, tools: { ...shownPrompt.tools, ...appliedInStream.tools } }
        : undefined,
    [session, appliedInStream, shownPrompt],
  );
  const running = session && connected ? (applied ?? shownPrompt) : undefined;
  const key = draftKey(scenario.id, agent.name);
  const stored = usePromptStore((state) => state.drafts[key]);
  const base = file ?? running ?? shownPrompt;

  useEffect(() => {
    if (!editable) return;
    if (!stored) {
      setDraft(key, { draft: base, loaded: base });
      return;
    }
    // The file changed on disk: an editor without edits shows its new text; one with edits keeps them.
    if (file && !samePrompt(file, stored.loaded) && (samePrompt(stored.draft, stored.loaded) || samePrompt(stored.draft, file)))
      setDraft(key, { draft: file, loaded: file });
  }, [editable, stored, file, key, base]);

  const draft = editable ? (stored?.draft ?? base) : shownPrompt;
  const fileChangedUnderEdits =
    editable && stored !== undefined && file !== undefined && !samePrompt(file, stored.loaded) && !samePrompt(stored.draft, file);
  const status = editable
    ? promptStatus({ file, draft, session: running ? { connected: shownPrompt, running } : undefined })
    : [
        {
          tone: 'info' as const,
          text: 'As the session ran at this point of the replay, with the edits applied by then (its prompt.applied events); replays are read only.',
        },
      ];

  const loaded = stored?.loaded ?? base;
  // Read at the keystroke, not from this render, so quick typing in two editors never drops an edit.
  const edit = (change: (draft: PromptVersion) => PromptVersion) => {
    const current = usePromptStore.getState().drafts[key] ?? { draft: base, loaded: base };
    setDraft(key, { draft: change(current.draft), loaded: current.loaded });
  };
  return {
    editable,
    draft,
    file,
    running,
    status,
    fileChangedUnderEdits,
    shipped: fileScenario?.source.origin === 'builtin',
    setInstructions: (text) => edit((current) => ({ ...current, instructions: text })),
    setToolDescription: (tool, text) => edit((current) => ({ ...current, tools: { ...current.tools, [tool]: text } })),
    async apply() {
      if (!session || !running) return false;
      const edited = draft;
      return session.applyAgentPrompt(agent.name, edited, changedFields(running, edited));
    },
    async save() {
      const edited = draft;
      const saved = await requireApi().scenarios.save({
        scenarioId: scenario.id,
        agent: agent.name,
        instructions: edited.instructions,
        tools: Object.entries(edited.tools).map(([name, description]) => ({ name, description })),
      });
      setDraft(key, { draft: usePromptStore.getState().drafts[key]?.draft ?? edited, loaded: edited });
      return saved;
    },
    revert: () => setDraft(key, { draft: file ?? loaded, loaded: file ?? loaded }),
  };
}
