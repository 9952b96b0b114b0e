/** Keys of the cognito errors the window translates (see ErrorKey in ../api.ts). Types only. */
export type CognitoErrorKey = never;
