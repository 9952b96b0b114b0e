/** Keys of the import errors the window translates (see ErrorKey in ../api.ts). Types only. */
export type ImportErrorKey =
  // main/formats/index.ts, main/formats/types.ts
  'importFormatUnknown' | 'importPasswordNeeded' | 'importPasswordWrong';
