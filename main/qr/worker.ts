/**
 * The QR decoder's thread: decodes one image or frame per message and answers with the texts or the error as data.
 *
 * Started by off-thread.ts from its own bundle (dist/main/qr-worker.js, next to app.js), so that decoding a large
 * or hostile image never blocks the app's main process, which runs the window's IPC, the tray and the shortcuts.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { isKeyfobError } from '../errors';
import { decodeImageBuffer, decodeRgba } from './index';
import type { DecodeReply, DecodeRequest } from './off-thread';

if (!parentPort) throw new Error('qr-worker runs as a worker thread (see main/qr/off-thread.ts).');
const port = parentPort;

port.on('message', (request: DecodeRequest) => {
  let reply: DecodeReply;
  try {
    const texts =
      request.kind === 'image'
        ? decodeImageBuffer(request.bytes, request.options)
        : decodeRgba({ width: request.width, height: request.height, data: request.data }, request.options);
    reply = { id: request.id, ok: true, texts, threadId };
  } catch (error) {
    // A KeyfobError crosses as its code, key and parameters (the class does not survive structured cloning) and
    // is worded again on the other side; anything else is a bug, and crosses without its text, like every
    // unexpected error in Keyfob.
    reply =
      isKeyfobError(error) && error.key !== undefined
        ? {
            id: request.id,
            ok: false,
            threadId,
            error: {
              code: error.code,
              key: error.key,
              ...(error.params === undefined ? {} : { params: error.params }),
              ...(error.variant === undefined ? {} : { variant: error.variant }),
            },
          }
        : { id: request.id, ok: false, threadId };
  }
  port.postMessage(reply);
});
