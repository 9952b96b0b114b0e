import * as schema from '../../preload/schemas';
import { textInput } from '../accounts';
import { KeyfobError } from '../errors';
import { importForWindow, qrOf } from './accounts';
import type { Handlers, IpcContext } from './context';
import { check, result } from './result';

/** Links handed to the app, and QR codes found on the screens, which wait to be accepted the same way. */
export function linkHandlers(ctx: IpcContext): Pick<Handlers, 'acceptLink' | 'declineLink' | 'scanScreen'> {
  return {
    acceptLink: (rawId) =>
      result(async () => {
        const link = ctx.links?.take(check(schema.linkId, rawId, 'link'));
        if (link === undefined) {
          throw new KeyfobError('PARAMS_INVALID', 'That link is no longer waiting.', 'Open it again.', {
            key: 'linkGone',
          });
        }
        return importForWindow(ctx, [textInput(link, { kind: 'link' })]);
      }),

    declineLink: (rawId) =>
      result(() => {
        ctx.links?.discard(check(schema.linkId, rawId, 'link'));
      }),

    scanScreen: () =>
      result(async () => {
        if (!ctx.screen || !ctx.links) {
          throw new KeyfobError('SCREEN_CAPTURE_DENIED', 'Scanning the screen is not available here.');
        }
        const frames = await ctx.screen.capture();
        const found: string[] = [];
        for (const frame of frames) found.push(...(await qrOf(ctx).decodeFrame(frame)));
        const usable = found.filter((t) => /^otpauth(-migration)?:\/\//i.test(t.trim()));
        if (usable.length === 0) {
          throw new KeyfobError(
            'QR_NOT_FOUND',
            found.length > 0
              ? 'The QR codes on your screens are not authenticator setup codes.'
              : `No QR code was found on ${frames.length === 1 ? 'the screen' : `any of the ${frames.length} screens`}.`,
            'Show the setup QR code fully on a screen (not covered by this window), then scan again.',
            found.length > 0
              ? { key: 'screenNotSetupCodes' }
              : { key: 'screenNoQr', params: { screens: frames.length } },
          );
        }
        return { found: ctx.links.add(usable).length };
      }),
  };
}
