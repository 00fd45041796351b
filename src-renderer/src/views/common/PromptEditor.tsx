import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { getChunks, unifiedMergeView } from '@codemirror/merge';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import './promptEditor.css';

/**
 * The editor's look from the app's own colour variables, so it follows the theme; the dark flag also picks
 * CodeMirror's and the merge view's dark defaults (selection, inserted and deleted lines).
 */
function workbenchTheme(dark: boolean): Extension {
  return EditorView.theme(
    {
      '&': { color: 'var(--text)', backgroundColor: 'var(--bg-raised)', fontSize: 'var(--size-ui)' },
      '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
      '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.45' },
      '.cm-content': { caretColor: 'var(--text)', padding: '4px 0' },
      '.cm-line': { padding: '0 6px' },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
      // The merge view's fold bar marks itself with ⦚, which common monospace fonts lack.
      '.cm-collapsedLines:before, .cm-collapsedLines:after': { content: '"↕"' },
      '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
        backgroundColor: 'var(--bg-selected)',
      },
    },
    { dark },
  );
}

/** Named for screen readers, and a tab stop also when read only, so its scrolled text can be reached from the keyboard. */
function contentAttributes(label: string): Extension {
  return EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' });
}

interface PromptEditorProps {
  /** The accessible name of the text area, e.g. `Instructions of greeter`. */
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly readOnly: boolean;
  readonly dark: boolean;
  readonly testId?: string;
}

/**
 * One CodeMirror 6 editor for a prompt text. CodeMirror owns its document: the value given here replaces it
 * only when it differs (a reload from the file, a revert), so typing never round-trips through React.
 */
export function PromptEditor({ label, value, onChange, readOnly, dark, testId }: PromptEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  const compartments = useRef({ theme: new Compartment(), readOnly: new Compartment(), label: new Compartment() });

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const { theme, readOnly: readOnlyCompartment, label: labelCompartment } = compartments.current;
    const created = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          labelCompartment.of(contentAttributes(label)),
          readOnlyCompartment.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
          theme.of(workbenchTheme(dark)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // Made once per mount; the effects below carry later changes of each option into the same view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== value) current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: compartments.current.theme.reconfigure(workbenchTheme(dark)) });
  }, [dark]);

  useEffect(() => {
    view.current?.dispatch({
      effects: compartments.current.readOnly.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
    });
  }, [readOnly]);

  useEffect(() => {
    view.current?.dispatch({ effects: compartments.current.label.reconfigure(contentAttributes(label)) });
  }, [label]);

  return <div ref={host} className="prompt-editor" data-testid={testId} />;
}

interface PromptDiffProps {
  readonly original: string;
  readonly modified: string;
  readonly dark: boolean;
}

/** The edited prompt against the scenario file's, as one unified diff (@codemirror/merge): deletions struck, insertions marked. */
export function PromptDiff({ original, modified, dark }: PromptDiffProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const created = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: modified,
        extensions: [
          EditorView.lineWrapping,
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
          contentAttributes('Difference from the scenario file'),
          workbenchTheme(dark),
          // Long prompts: only the changed lines and a few around them are shown; the rest folds into a bar.
          unifiedMergeView({ original, mergeControls: false, highlightChanges: true, gutter: true, collapseUnchanged: { margin: 2, minSize: 4 } }),
        ],
      }),
    });
    return () => created.destroy();
  }, [original, modified, dark]);
  return <div ref={host} className="prompt-editor prompt-diff" data-testid="prompt-diff" />;
}

interface PromptMergeProps {
  /** The instructions the rewrite was asked for. */
  readonly original: string;
  /** The model's rewrite, which the view starts from. */
  readonly suggested: string;
  readonly dark: boolean;
  /** Told the text as it stands after each decision, and how many changes are still undecided. */
  readonly onChange: (text: string, undecided: number) => void;
}

/** A change's Accept or Reject control: a real button (the library's default answers the mouse only), named for its action. */
function chunkControl(type: 'accept' | 'reject', action: (event: MouseEvent) => void): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `cm-merge-${type}`;
  button.textContent = type === 'accept' ? 'Accept' : 'Reject';
  button.setAttribute('aria-label', type === 'accept' ? 'Accept this change' : 'Reject this change');
  button.addEventListener('click', action);
  return button;
}

/**
 * A suggested rewrite over the instructions it was asked for, as one unified diff (@codemirror/merge) with Accept
 * and Reject on each change: a rejected change goes back to the original text, an accepted one stays; the text
 * can also be edited directly. Changes neither accepted nor rejected stay in the text.
 */
export function PromptMerge({ original, suggested, dark, onChange }: PromptMergeProps) {
  const host = useRef<HTMLDivElement>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);
  useEffect(() => {
    const created = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: suggested,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          contentAttributes('Suggested instructions'),
          workbenchTheme(dark),
          unifiedMergeView({ original, mergeControls: chunkControl, highlightChanges: true, gutter: true }),
          EditorView.updateListener.of((update) => {
            const before = getChunks(update.startState)?.chunks.length;
            const after = getChunks(update.state)?.chunks.length ?? 0;
            if (update.docChanged || before !== after) onChangeRef.current(update.state.doc.toString(), after);
          }),
        ],
      }),
    });
    onChangeRef.current(suggested, getChunks(created.state)?.chunks.length ?? 0);
    return () => created.destroy();
  }, [original, suggested, dark]);
  return <div ref={host} className="prompt-editor prompt-diff prompt-merge" data-testid="prompt-merge" />;
}
