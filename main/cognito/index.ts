export {
  CognitoEngine,
  type Progress,
  type Prompts,
  type SignInRequest,
  type EnrollRequest,
  type EnrollResult,
} from './engine';
export { SignIn, type SignInState, type SignInEvent, type Tokens, type MfaType } from './signin';
export {
  ProfileStore,
  validateProfile,
  AUTH_FLOWS,
  CLIENT_SECRET_PREFIX,
  type PoolProfile,
  type ProfileInput,
  type AuthFlow,
} from './profiles';
export { createCognitoClient, SKEW_WARNING_MS, type ClockSkew, type CognitoClientFactory } from './client';
export { explainCognitoError } from './errors';
export { secretHash, srpClient } from './srp';
export {
  CognitoFlows,
  decodeClaims,
  type FlowAnswer,
  type FlowEvent,
  type FlowPrompt,
  type FlowRequest,
  type FlowTokens,
} from './flows';
