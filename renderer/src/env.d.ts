/// <reference types="vite/client" />
// Vite turns CSS imports into <link> tags; TypeScript only needs to know they exist.
declare module '*.css';
// The preload's contextBridge object: the window's only way to main.
interface Window {
  keyfob: import('../../preload/api').KeyfobApi;
}
