import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { closePanel, dockBack, panelCatalog, popOutPanel, resetLayout, revealPanel, useLayoutStore } from '../state/layoutStore';
import './panelsMenu.css';

/**
 * The Panels menu: open or close each panel, pop the inspector out into its own window or dock it back,
 * and reset the layout. A menu button with arrow-key navigation, as WAI-ARIA's menu button pattern says.
 */
export function PanelsMenu() {
  const [open, setOpen] = useState(false);
  const openPanels = useLayoutStore((state) => state.open);
  const poppedOut = useLayoutStore((state) => state.poppedOut);
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node) && event.target !== button.current) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function close(): void {
    setOpen(false);
    button.current?.focus();
  }

  function onKey(event: KeyboardEvent<HTMLDivElement>): void {
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);
    const at = items.indexOf(document.activeElement as HTMLElement);
    const focus = (index: number) => items[(index + items.length) % items.length]?.focus();
    if (event.key === 'ArrowDown') focus(at + 1);
    else if (event.key === 'ArrowUp') focus(at - 1);
    else if (event.key === 'Home') focus(0);
    else if (event.key === 'End') focus(items.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') close();
    else return;
    event.preventDefault();
  }

  function run(action: () => void): void {
    action();
    close();
  }
  const inspectorOut = poppedOut.has('events');
  return (
    <div className="menu-anchor">
      <button ref={button} type="button" className="button button-small" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Panels
      </button>
      {open && (
        <div ref={menu} className="menu" role="menu" aria-label="Panels" onKeyDown={onKey}>
          {panelCatalog.map((panel) => (
            <button
              key={panel.id}
              type="button"
              role="menuitemcheckbox"
              aria-checked={openPanels.has(panel.id)}
              tabIndex={-1}
              className="menu-item"
              onClick={() => run(() => (openPanels.has(panel.id) ? closePanel(panel.id) : revealPanel(panel.id)))}
            >
              <span className="menu-check" aria-hidden="true">
                {openPanels.has(panel.id) ? '✓' : ''}
              </span>
              {panel.title}
            </button>
          ))}
          <div className="menu-separator" role="separator" />
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="menu-item"
            onClick={() => run(() => (inspectorOut ? dockBack('events') : void popOutPanel('events')))}
          >
            <span className="menu-check" aria-hidden="true" />
            {inspectorOut ? 'Dock the inspector back' : 'Pop out the inspector'}
          </button>
          <button type="button" role="menuitem" tabIndex={-1} className="menu-item" onClick={() => run(() => void resetLayout())}>
            <span className="menu-check" aria-hidden="true" />
            Reset layout
          </button>
        </div>
      )}
    </div>
  );
}
