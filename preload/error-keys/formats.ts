/** Keys of the formats errors the window translates (see ErrorKey in ../api.ts). Types only. */
export type FormatsErrorKey = never;
