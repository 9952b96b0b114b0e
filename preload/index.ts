import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, type KeyfobApi } from './api';

// Intent-named functions only: never ipcRenderer itself, never a generic invoke(channel).
const api: KeyfobApi = {
  appInfo: () => ipcRenderer.invoke(CHANNELS.appInfo),
  listAccounts: () => ipcRenderer.invoke(CHANNELS.listAccounts),
};

contextBridge.exposeInMainWorld('keyfob', api);
