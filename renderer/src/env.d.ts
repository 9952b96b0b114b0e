/// <reference types="vite/client" />
// Vite turns CSS imports into <link> tags; TypeScript only needs to know they exist.
declare module '*.css';
