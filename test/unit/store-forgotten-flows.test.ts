/**
 * Leaving the Cognito screen forgets its flows (the store's forgetFlows); a flow cancelled on the way out still
 * answers with its cancel's error a moment later, and that late event must not bring it back
 * (renderer/src/store/flows.ts followFlows, which the store's flow listener is).
 */
import { describe, expect, it } from 'vitest';
import type { FlowEvent } from '../../preload/api';
import { followFlows, type FlowState } from '../../renderer/src/store/flows';

const cancelledError = (flowId: string): FlowEvent => ({
  flowId,
  type: 'error',
  error: { code: 'CANCELLED', message: 'Cancelled.', key: 'cognitoCancelled' },
});
const signingIn = (flowId: string): FlowEvent => ({
  flowId,
  type: 'progress',
  progress: { type: 'signingIn' },
});

describe('the flows the window forgot', () => {
  it('drops a forgotten flow’s late events, and keeps following the others', () => {
    const forgotten = new Set<string>();
    let flows: Readonly<Record<string, FlowState>> = {};
    flows = followFlows(flows, signingIn('left'), forgotten);
    expect(Object.keys(flows)).toEqual(['left']);

    // The window leaves: the flow it showed, and one whose first step had not arrived, are forgotten.
    forgotten.add('left').add('starting');
    flows = {};
    const before = flows;
    flows = followFlows(flows, cancelledError('left'), forgotten);
    flows = followFlows(flows, cancelledError('starting'), forgotten);
    flows = followFlows(flows, signingIn('starting'), forgotten);
    expect(flows).toBe(before);
    expect(flows).toEqual({});

    // A flow started after coming back is followed as before, to its error.
    flows = followFlows(flows, signingIn('new'), forgotten);
    flows = followFlows(flows, cancelledError('new'), forgotten);
    expect(Object.keys(flows)).toEqual(['new']);
    expect(flows.new?.error).toMatchObject({ key: 'cognitoCancelled' });
  });
});
