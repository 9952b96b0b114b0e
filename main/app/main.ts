import { app, BrowserWindow, session, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { createHandlers } from '../ipc';
import { openVault } from '../vault';
import { dataDirectory } from '../vault/paths';
import { registerHandlers } from './ipc-register';

// The CLI computes the same folder without Electron; pinning userData to it keeps one vault for both.
app.setPath('userData', dataDirectory());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | undefined;
  const rendererUrl = new URL(`file://${join(__dirname, '..', 'renderer', 'index.html')}`).href;

  const isTrustedSender = (event: IpcMainInvokeEvent): boolean =>
    window !== undefined &&
    event.sender.id === window.webContents.id &&
    event.senderFrame?.url === rendererUrl &&
    event.senderFrame === window.webContents.mainFrame;

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
      const ownPage = details.requestingUrl === rendererUrl && contents.id === window?.webContents.id;
      callback(
        ownPage &&
          permission === 'media' &&
          (details as { mediaTypes?: string[] }).mediaTypes?.every((t) => t === 'video') === true,
      );
    });
    registerHandlers(createHandlers({ vault: openVault(), version: app.getVersion() }), isTrustedSender);
    window = new BrowserWindow({
      width: 420,
      height: 640,
      title: 'Keyfob',
      webPreferences: {
        preload: join(__dirname, '..', 'preload', 'index.js'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
      },
    });
    void window.loadURL(rendererUrl);
  });

  app.on('window-all-closed', () => app.quit());
}
