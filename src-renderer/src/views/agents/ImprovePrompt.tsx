import { useState } from 'react';
import type { ImprovedPrompt } from '../../../../src-shared/scenarioDraft/improveContract';
import { requireApi } from '../../state/hostStore';
import { PromptMerge } from '../common/lazyPromptEditor';

type Improving =
  | { readonly phase: 'idle' }
  | { readonly phase: 'asking' }
  | { readonly phase: 'failed'; readonly problem: string }
  | { readonly phase: 'shown'; readonly asked: string; readonly improved: ImprovedPrompt };

interface ImprovePromptProps {
  readonly scenarioId: string;
  readonly agent: string;
  /** The editor's instructions now, unsaved edits included: what is rewritten. */
  readonly instructions: string;
  /** Puts the decided text into the editor (the draft; nothing is applied or saved). */
  readonly use: (text: string) => void;
  readonly dark: boolean;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Improve this prompt…: the supervisor's model rewrites the agent's instructions into the state-machine form (main's
 * `scenarios:improvePrompt`), shown as a diff over the instructions to accept or reject change by change. Use the
 * result puts the text into the editor as an edit, to apply, save or revert like any other.
 */
export function ImprovePrompt({ scenarioId, agent, instructions, use, dark }: ImprovePromptProps) {
  const [state, setState] = useState<Improving>({ phase: 'idle' });
  const [result, setResult] = useState<{ text: string; undecided: number }>({ text: '', undecided: 0 });

  const ask = async () => {
    setState({ phase: 'asking' });
    try {
      const improved = await requireApi().scenarios.improvePrompt({ scenarioId, agent, instructions });
      setState({ phase: 'shown', asked: instructions, improved });
    } catch (error) {
      setState({ phase: 'failed', problem: `Not rewritten: ${messageOf(error)}` });
    }
  };

  if (state.phase !== 'shown')
    return (
      <>
        <button
          type="button"
          className="button"
          disabled={state.phase === 'asking'}
          title="A text model rewrites these instructions into the state-machine form; you accept or reject each change"
          onClick={() => void ask()}
        >
          Improve this prompt…
        </button>
        {state.phase === 'asking' && (
          <span className="state-line" role="status">
            Rewriting with the supervisor model; this takes up to a minute…
          </span>
        )}
        {state.phase === 'failed' && (
          <p className="prompt-error" role="alert">
            {state.problem}
          </p>
        )}
      </>
    );

  const { improved, asked } = state;
  const unchanged = improved.instructions === asked;
  return (
    <section className="prompt-improve" aria-label="Suggested rewrite">
      <h4 className="agent-detail-heading">
        Suggested rewrite by {improved.model} (metaprompt {improved.metaprompt})
      </h4>
      {improved.changes.length > 0 && (
        <ul className="prompt-improve-changes" aria-label="What the model changed">
          {improved.changes.map((change) => (
            <li key={change}>{change}</li>
          ))}
        </ul>
      )}
      {unchanged ? (
        <p className="state-line" role="status">
          The model suggests no change to these instructions.
        </p>
      ) : (
        <PromptMerge original={asked} suggested={improved.instructions} dark={dark} onChange={(text, undecided) => setResult({ text, undecided })} />
      )}
      {instructions !== asked && (
        <p className="prompt-notice" role="status">
          The instructions were edited after the rewrite was asked for; Use the result replaces those edits.
        </p>
      )}
      <div className="prompt-actions">
        {!unchanged && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              use(result.text);
              setState({ phase: 'idle' });
            }}
          >
            Use the result
          </button>
        )}
        <button type="button" className="button" onClick={() => setState({ phase: 'idle' })}>
          {unchanged ? 'Close' : 'Discard'}
        </button>
        {!unchanged && (
          <span className="state-line" role="status" data-testid="improve-undecided">
            {result.undecided === 0
              ? 'Every change decided.'
              : `${result.undecided} ${result.undecided === 1 ? 'change' : 'changes'} not decided yet; Use the result keeps them.`}
          </span>
        )}
      </div>
    </section>
  );
}
