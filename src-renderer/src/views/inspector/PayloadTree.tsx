import { useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { copyableValue, formatPath, splitOnMatches, valueAt, type PathStep } from './jsonPath';

interface Node {
  readonly path: readonly PathStep[];
  readonly key: string;
  readonly label: PathStep | undefined;
  readonly value: unknown;
  readonly depth: number;
  readonly branch: boolean;
  readonly size: number;
}

const isBranch = (value: unknown): value is object => value !== null && typeof value === 'object';
const keyOf = (path: readonly PathStep[]) => JSON.stringify(path);

/** The rows the tree shows now: every node whose ancestors are all expanded, in document order. */
function visibleNodes(root: unknown, expanded: ReadonlySet<string>): Node[] {
  const nodes: Node[] = [];
  const visit = (value: unknown, path: PathStep[], depth: number) => {
    const branch = isBranch(value);
    const key = keyOf(path);
    const entries = branch ? Object.entries(value) : [];
    nodes.push({ path, key, label: path[path.length - 1], value, depth, branch, size: entries.length });
    if (!branch || !expanded.has(key)) return;
    const array = Array.isArray(value);
    for (const [name, child] of entries) visit(child, [...path, array ? Number(name) : name], depth + 1);
  };
  visit(root, [], 0);
  return nodes;
}

/** Branches open at first: the top three levels, as DevTools opens an object. */
function initiallyExpanded(root: unknown): Set<string> {
  const open = new Set<string>();
  const visit = (value: unknown, path: PathStep[]) => {
    if (!isBranch(value) || path.length >= 3) return;
    open.add(keyOf(path));
    const array = Array.isArray(value);
    for (const [name, child] of Object.entries(value)) visit(child, [...path, array ? Number(name) : name]);
  };
  visit(root, []);
  return open;
}

function Highlighted({ text, needle }: { text: string; needle: string }): ReactNode {
  const parts = splitOnMatches(text, needle);
  if (parts.length === 1) return text;
  return parts.map((part, index) => (index % 2 === 1 ? <mark key={index}>{part}</mark> : part));
}

function preview(node: Node): string {
  if (node.branch) return Array.isArray(node.value) ? `Array(${node.size})` : `{${node.size === 0 ? '' : '…'}}`;
  return node.value === undefined ? 'undefined' : JSON.stringify(node.value);
}

function valueClass(value: unknown): string {
  if (typeof value === 'string') return 'json-string';
  if (typeof value === 'number') return 'json-number';
  if (typeof value === 'boolean') return 'json-boolean';
  return 'json-null';
}

/**
 * An event as a collapsible JSON tree: arrows move and open or close branches, the selected node's
 * path is shown, and its value, its path or the whole event can be copied. Search matches are marked.
 */
export function PayloadTree({ data, needle, rootName }: { data: unknown; needle: string; rootName: string }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => initiallyExpanded(data));
  const [selected, setSelected] = useState<readonly PathStep[]>([]);
  const [copied, setCopied] = useState<string | undefined>(undefined);
  const tree = useRef<HTMLDivElement>(null);
  const nodes = useMemo(() => visibleNodes(data, expanded), [data, expanded]);
  const selectedKey = keyOf(selected);
  const position = Math.max(
    0,
    nodes.findIndex((node) => node.key === selectedKey),
  );
  const current = nodes[position]!;

  function toggle(node: Node, open = !expanded.has(node.key)): void {
    if (!node.branch) return;
    const next = new Set(expanded);
    if (open) next.add(node.key);
    else next.delete(node.key);
    setExpanded(next);
  }

  function focus(index: number): void {
    const node = nodes[Math.max(0, Math.min(nodes.length - 1, index))]!;
    setSelected(node.path);
    setCopied(undefined);
    requestAnimationFrame(() => tree.current?.querySelector<HTMLElement>(`[data-key='${CSS.escape(node.key)}']`)?.focus());
  }

  function onKey(event: KeyboardEvent<HTMLDivElement>): void {
    const moves: Record<string, () => void> = {
      ArrowDown: () => focus(position + 1),
      ArrowUp: () => focus(position - 1),
      Home: () => focus(0),
      End: () => focus(nodes.length - 1),
      ArrowRight: () => (current.branch && !expanded.has(current.key) ? toggle(current, true) : focus(position + 1)),
      ArrowLeft: () => {
        if (current.branch && expanded.has(current.key)) toggle(current, false);
        else focus(nodes.findIndex((node) => node.key === keyOf(current.path.slice(0, -1))));
      },
      Enter: () => toggle(current),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    event.stopPropagation();
    move();
  }

  function copy(what: string, text: string): void {
    void navigator.clipboard.writeText(text).then(() => setCopied(what));
  }

  const path = formatPath([rootName, ...selected]);
  return (
    <div className="payload">
      <div className="payload-toolbar">
        <code className="payload-path" title="Path of the selected value" data-testid="payload-path">
          {path}
        </code>
        <button type="button" className="button button-small" onClick={() => copy('value', copyableValue(valueAt(data, selected)))}>
          {copied === 'value' ? 'Copied value' : 'Copy value'}
        </button>
        <button type="button" className="button button-small" onClick={() => copy('path', path)}>
          {copied === 'path' ? 'Copied path' : 'Copy path'}
        </button>
        <button type="button" className="button button-small" onClick={() => copy('event', JSON.stringify(data, null, 2))}>
          {copied === 'event' ? 'Copied event' : 'Copy event'}
        </button>
      </div>
      <div className="payload-tree" role="tree" aria-label="Event payload" ref={tree} onKeyDown={onKey}>
        {nodes.map((node, index) => (
          <div
            key={node.key}
            data-key={node.key}
            role="treeitem"
            aria-level={node.depth + 1}
            aria-expanded={node.branch ? expanded.has(node.key) : undefined}
            aria-selected={index === position}
            tabIndex={index === position ? 0 : -1}
            className={`payload-node${index === position ? ' payload-node-selected' : ''}`}
            style={{ paddingLeft: 6 + node.depth * 14 }}
            onClick={() => {
              setSelected(node.path);
              setCopied(undefined);
              toggle(node);
            }}
          >
            <span className="payload-twisty" aria-hidden="true">
              {node.branch ? (expanded.has(node.key) ? '▾' : '▸') : ''}
            </span>
            <span className="json-key">
              <Highlighted text={node.label === undefined ? rootName : String(node.label)} needle={needle} />
            </span>
            <span className="json-colon">: </span>
            <span className={node.branch ? 'json-preview' : valueClass(node.value)}>
              {node.branch && expanded.has(node.key) ? (
                Array.isArray(node.value) ? (
                  `Array(${node.size})`
                ) : (
                  ''
                )
              ) : (
                <Highlighted text={preview(node)} needle={needle} />
              )}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}
