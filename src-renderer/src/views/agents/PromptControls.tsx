import { useState } from 'react';
import { PromptDiff } from '../common/lazyPromptEditor';
import { promptText, samePrompt, type PromptStatusLine } from '../../state/promptVersion';
import type { PromptEditing } from './usePromptEditing';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What the panel knows about the editor, the session and the file, one line each; announced as it changes while editing. */
function StatusLines({ lines, live = false }: { lines: readonly PromptStatusLine[]; live?: boolean }) {
  return (
    <ul className="prompt-status" aria-label="Prompt state" {...(live ? { 'aria-live': 'polite' as const, 'data-testid': 'prompt-status' } : {})}>
      {lines.map((line) => (
        <li key={line.text} className={`prompt-status-${line.tone}`}>
          {line.text}
        </li>
      ))}
    </ul>
  );
}

/** Apply, Save, Show difference and Revert, with what the panel knows about the editor, the session and the file. */
export function PromptControls({ editing, dark }: { editing: PromptEditing; dark: boolean }) {
  const { draft, file, running, editable } = editing;
  const [showDiff, setShowDiff] = useState(false);
  const [busy, setBusy] = useState<'apply' | 'save' | undefined>(undefined);
  const [outcome, setOutcome] = useState<{ kind: 'done' | 'error'; text: string } | undefined>(undefined);

  const run = async (what: 'apply' | 'save') => {
    setBusy(what);
    setOutcome(undefined);
    try {
      if (what === 'apply') {
        const sent = await editing.apply();
        setOutcome({
          kind: 'done',
          text: sent ? 'Applied to the running session.' : 'Applied: the session uses it from the next handoff to this agent.',
        });
      } else {
        const saved = await editing.save();
        setOutcome({
          kind: 'done',
          text: saved.override ? `Saved as a user override of the shipped scenario: ${saved.path}` : `Saved to ${saved.path}`,
        });
      }
    } catch (error) {
      setOutcome({ kind: 'error', text: `${what === 'apply' ? 'Not applied' : 'Not saved'}: ${messageOf(error)}` });
    } finally {
      setBusy(undefined);
    }
  };

  if (!editable) return <StatusLines lines={editing.status} />;

  const differsFromFile = file !== undefined && !samePrompt(draft, file);
  return (
    <div className="prompt-controls" data-testid="prompt-controls">
      {editing.fileChangedUnderEdits && (
        <div className="prompt-notice" role="status">
          The scenario file changed on disk while you were editing. Your edits are kept; Show difference compares them with the file’s new text.
          <button type="button" className="button" onClick={() => editing.revert()}>
            Load the file’s version
          </button>
        </div>
      )}
      <div className="prompt-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={!running || samePrompt(draft, running) || busy !== undefined}
          title={running ? 'Send the edited prompt to the running session (no reconnect)' : 'Connect a session to apply a prompt to it'}
          onClick={() => void run('apply')}
        >
          Apply to session
        </button>
        <button
          type="button"
          className="button"
          disabled={!differsFromFile || busy !== undefined}
          title={editing.shipped ? 'A shipped scenario is saved as an override in your scenario folder' : 'Write the edits into the scenario file'}
          onClick={() => void run('save')}
        >
          Save to scenario file
        </button>
        <button type="button" className="button" aria-pressed={showDiff} disabled={file === undefined} onClick={() => setShowDiff(!showDiff)}>
          Show difference
        </button>
        <button
          type="button"
          className="button"
          disabled={!differsFromFile}
          title="Back to the scenario file’s text"
          onClick={() => editing.revert()}
        >
          Revert
        </button>
      </div>
      <StatusLines lines={editing.status} live />
      {outcome && (
        <p className={outcome.kind === 'error' ? 'prompt-error' : 'prompt-saved'} role={outcome.kind === 'error' ? 'alert' : 'status'}>
          {outcome.text}
        </p>
      )}
      {showDiff && file !== undefined && (
        <>
          <h4 className="agent-detail-heading">{differsFromFile ? 'Difference from the scenario file' : 'No difference from the scenario file'}</h4>
          <PromptDiff original={promptText(file)} modified={promptText(draft)} dark={dark} />
        </>
      )}
    </div>
  );
}
