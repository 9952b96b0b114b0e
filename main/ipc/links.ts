import * as schema from '../../preload/schemas';
import { textInput } from '../accounts';
import { KeyfobError } from '../errors';
import { importForWindow, qrNotFound, qrOf } from './accounts';
import type { Handlers, IpcContext } from './context';
import { check, invalid, result } from './result';

/** What Keyfob can add from a QR code: one account's link, or a Google Authenticator export. */
const SETUP_CODE = /^otpauth(-migration)?:\/\//i;

/**
 * A code found in an image, on a screen or by the camera is never added straight away: like a link handed to
 * the app, it waits (ctx.links) until the person has seen what it would add and said yes (acceptLink).
 */
function offerFound(ctx: IpcContext, found: string[], none: () => KeyfobError): { found: number } {
  if (!ctx.links) throw new KeyfobError('IMAGE_UNSUPPORTED', 'qrUnavailable');
  if (found.length === 0) throw none();
  const usable = found.map((t) => t.trim()).filter((t) => SETUP_CODE.test(t));
  if (usable.length === 0) {
    // One code is another sentence, not a plural form: Chinese has no plural forms to tell them apart.
    throw new KeyfobError(
      'QR_NOT_FOUND',
      'qrNotSetupCodes',
      { codes: found.length },
      found.length === 1 ? { variant: 'single' } : {},
    );
  }
  return { found: ctx.links.add(usable).length };
}

/**
 * Links handed to the app, and QR codes found in images, on the screens or by the camera: each waits to be
 * accepted the same way.
 */
export function linkHandlers(
  ctx: IpcContext,
): Pick<Handlers, 'acceptLink' | 'declineLink' | 'scanScreen' | 'scanImage' | 'offerCodes'> {
  return {
    acceptLink: (rawId) =>
      result(async () => {
        const link = ctx.links?.take(check(schema.linkId, rawId, 'link'));
        if (link === undefined) {
          throw new KeyfobError('PARAMS_INVALID', 'linkGone');
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
          throw new KeyfobError('SCREEN_CAPTURE_DENIED', 'screenUnavailable');
        }
        const frames = await ctx.screen.capture();
        const found: string[] = [];
        for (const frame of frames) found.push(...(await qrOf(ctx).decodeFrame(frame)));
        if (found.length > 0 && !found.some((t) => SETUP_CODE.test(t.trim()))) {
          throw new KeyfobError('QR_NOT_FOUND', 'screenNotSetupCodes');
        }
        return offerFound(
          ctx,
          found,
          () =>
            new KeyfobError(
              'QR_NOT_FOUND',
              'screenNoQr',
              { count: frames.length },
              frames.length === 1 ? { variant: 'single' } : {},
            ),
        );
      }),

    scanImage: (value) =>
      result(async () =>
        offerFound(ctx, await qrOf(ctx).decodeImage(check(schema.imageBytes, value, 'image')), qrNotFound),
      ),

    offerCodes: (value) =>
      result(() => offerFound(ctx, check(schema.foundCodes, value, 'codes'), () => invalid('codes'))),
  };
}
