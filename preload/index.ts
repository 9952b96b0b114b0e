import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  CHANNELS,
  EVENTS,
  type AccountView,
  type CodeBatch,
  type FlowEvent,
  type KeyfobApi,
  type LinkSummary,
} from './api';

// Intent-named functions only: never ipcRenderer itself, never a generic invoke(channel). Listeners get the
// payload, never the event (it carries the sender), and each subscription returns its own unsubscribe.
const api: KeyfobApi = {
  appInfo: () => ipcRenderer.invoke(CHANNELS.appInfo),
  listAccounts: () => ipcRenderer.invoke(CHANNELS.listAccounts),
  addFromText: (text) => ipcRenderer.invoke(CHANNELS.addFromText, text),
  scanImage: (bytes) => ipcRenderer.invoke(CHANNELS.scanImage, bytes),
  offerCodes: (texts) => ipcRenderer.invoke(CHANNELS.offerCodes, texts),
  addFromKey: (input) => ipcRenderer.invoke(CHANNELS.addFromKey, input),
  listFormats: () => ipcRenderer.invoke(CHANNELS.listFormats),
  importFile: (file) => ipcRenderer.invoke(CHANNELS.importFile, file),
  renameAccount: (id, names) => ipcRenderer.invoke(CHANNELS.renameAccount, id, names),
  reorderAccounts: (ids) => ipcRenderer.invoke(CHANNELS.reorderAccounts, ids),
  removeAccount: (id) => ipcRenderer.invoke(CHANNELS.removeAccount, id),
  undoRemoveAccount: (id) => ipcRenderer.invoke(CHANNELS.undoRemoveAccount, id),
  setFavourite: (id, favourite) => ipcRenderer.invoke(CHANNELS.setFavourite, id, favourite),
  setTags: (id, tags) => ipcRenderer.invoke(CHANNELS.setTags, id, tags),
  setIcon: (id, icon) => ipcRenderer.invoke(CHANNELS.setIcon, id, icon),
  copyCode: (id) => ipcRenderer.invoke(CHANNELS.copyCode, id),
  hotpCode: (id) => ipcRenderer.invoke(CHANNELS.hotpCode, id),
  revealKey: (id) => ipcRenderer.invoke(CHANNELS.revealKey, id),
  exportAccounts: (format) => ipcRenderer.invoke(CHANNELS.exportAccounts, format),
  exportBackup: (password) => ipcRenderer.invoke(CHANNELS.exportBackup, password),
  ready: () => ipcRenderer.invoke(CHANNELS.ready),
  listPools: () => ipcRenderer.invoke(CHANNELS.listPools),
  savePool: (input, replace) => ipcRenderer.invoke(CHANNELS.savePool, input, replace),
  removePool: (name) => ipcRenderer.invoke(CHANNELS.removePool, name),
  testPool: (name) => ipcRenderer.invoke(CHANNELS.testPool, name),
  startFlow: (kind, request) => ipcRenderer.invoke(CHANNELS.startFlow, kind, request),
  answerFlow: (flowId, answer) => ipcRenderer.invoke(CHANNELS.answerFlow, flowId, answer),
  copyToken: (token) => ipcRenderer.invoke(CHANNELS.copyToken, token),
  copyReport: (text) => ipcRenderer.invoke(CHANNELS.copyReport, text),
  scanScreen: () => ipcRenderer.invoke(CHANNELS.scanScreen),
  getSettings: () => ipcRenderer.invoke(CHANNELS.getSettings),
  saveSettings: (change) => ipcRenderer.invoke(CHANNELS.saveSettings, change),
  acceptLink: (id) => ipcRenderer.invoke(CHANNELS.acceptLink, id),
  declineLink: (id) => ipcRenderer.invoke(CHANNELS.declineLink, id),
  dismissPalette: () => ipcRenderer.invoke(CHANNELS.dismissPalette),
  setAccountShortcut: (id, accelerator) => ipcRenderer.invoke(CHANNELS.setAccountShortcut, id, accelerator),
  suspendShortcuts: (suspended) => ipcRenderer.invoke(CHANNELS.suspendShortcuts, suspended),
  startupReport: () => ipcRenderer.invoke(CHANNELS.startupReport),
  resolveOrphan: (id, action) => ipcRenderer.invoke(CHANNELS.resolveOrphan, id, action),
  onLinks: (listener) => {
    const handler = (_event: IpcRendererEvent, links: LinkSummary[]) => listener(links);
    ipcRenderer.on(EVENTS.links, handler);
    return () => {
      ipcRenderer.removeListener(EVENTS.links, handler);
    };
  },
  onFocusSearch: (listener) => {
    const handler = () => listener();
    ipcRenderer.on(EVENTS.focusSearch, handler);
    return () => {
      ipcRenderer.removeListener(EVENTS.focusSearch, handler);
    };
  },
  onFlow: (listener) => {
    const handler = (_event: IpcRendererEvent, event: FlowEvent) => listener(event);
    ipcRenderer.on(EVENTS.flow, handler);
    return () => {
      ipcRenderer.removeListener(EVENTS.flow, handler);
    };
  },
  onAccountsChanged: (listener) => {
    const handler = (_event: IpcRendererEvent, accounts: AccountView[]) => listener(accounts);
    ipcRenderer.on(EVENTS.accountsChanged, handler);
    return () => {
      ipcRenderer.removeListener(EVENTS.accountsChanged, handler);
    };
  },
  onCodes: (listener) => {
    const handler = (_event: IpcRendererEvent, batch: CodeBatch) => listener(batch);
    ipcRenderer.on(EVENTS.codes, handler);
    return () => {
      ipcRenderer.removeListener(EVENTS.codes, handler);
    };
  },
};

contextBridge.exposeInMainWorld('keyfob', api);
