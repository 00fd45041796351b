import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  /** File → Open Session Log…: pick a log and replay it. */
  openLog(): void;
  /** Help → Check for Updates…: checks now, whatever the setting says, and says what it found. */
  checkForUpdates(): void;
  /** Help → About: the versions, the log format and the prices' date, in a dialog. */
  about(): void;
}

export function buildAppMenu(actions: AppMenuActions): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Session Log…', accelerator: 'CmdOrCtrl+O', click: () => actions.openLog() },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      label: 'Help',
      role: 'help',
      submenu: [
        { label: 'Check for Updates…', click: () => actions.checkForUpdates() },
        { type: 'separator' },
        { label: 'About Voice Agent Workbench', click: () => actions.about() },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
