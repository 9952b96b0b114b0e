import { describe, expect, it, vi } from 'vitest';

// permissions.ts must not need Electron at all; an empty module proves it does not reach for it.
vi.mock('electron', () => ({}));

import type { Session } from 'electron';
import { createPermissionPolicy, type PermissionRequestDetails } from '../../main/app/permissions';

const RENDERER = 'app://keyfob/index.html';
const MAIN = { id: 7 };

/** Every permission Electron 45 may ask about, from the type of setPermissionRequestHandler. */
const ALL_PERMISSIONS = [
  'ar',
  'automatic-fullscreen',
  'background-fetch',
  'background-sync',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'geolocation-approximate',
  'hand-tracking',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'nfc',
  'notifications',
  'openExternal',
  'payment-handler',
  'periodic-background-sync',
  'persistent-storage',
  'pointerLock',
  'screen-wake-lock',
  'sensors',
  'serial',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'system-wake-lock',
  'top-level-storage-access',
  'usb',
  'vr',
  'web-app-installation',
  'web-printing',
  'window-management',
  'unknown',
] as const satisfies ReadonlyArray<ElectronPermission>;

type ElectronPermission = Parameters<NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>>[1];
// Fails to compile when an Electron upgrade adds a permission this matrix does not try.
const _everyPermissionTried: Exclude<ElectronPermission, (typeof ALL_PERMISSIONS)[number]> extends never
  ? true
  : false = true;

function policy(mainContents: () => { id: number } | undefined = () => MAIN) {
  return createPermissionPolicy({ rendererUrl: RENDERER, mainContents });
}

/** Runs the request handler and returns what it answered (it must answer exactly once). */
function request(
  permission: string,
  // Electron may leave a field out or set it to undefined: both are what the policy must handle.
  details: { [K in keyof PermissionRequestDetails]?: PermissionRequestDetails[K] | undefined } = {},
  contents: { id: number } = MAIN,
  p = policy(),
): boolean {
  const callback = vi.fn<(granted: boolean) => void>();
  p.request(contents, permission, callback, {
    requestingUrl: RENDERER,
    isMainFrame: true,
    mediaTypes: ['video'],
    ...(details as Partial<PermissionRequestDetails>),
  });
  expect(callback).toHaveBeenCalledTimes(1);
  return callback.mock.calls[0]![0];
}

describe('permission requests', () => {
  it('grants the camera to our page in our window', () => {
    expect(request('media')).toBe(true);
    expect(request('media', { requestingUrl: `${RENDERER}#/scan` })).toBe(true);
  });

  it.each(ALL_PERMISSIONS.filter((p) => p !== 'media'))('refuses %s, even to our page', (permission) => {
    expect(request(permission)).toBe(false);
    expect(request(permission, { mediaTypes: undefined })).toBe(false);
  });

  it.each([
    ['microphone only', ['audio']],
    ['camera and microphone', ['video', 'audio']],
    ['microphone and camera', ['audio', 'video']],
    ['no device in particular', []],
    ['an unknown device', ['screen']],
  ])('refuses media for %s', (_what, mediaTypes) => {
    expect(request('media', { mediaTypes })).toBe(false);
  });

  it('refuses media when the request does not say which devices', () => {
    expect(request('media', { mediaTypes: undefined })).toBe(false);
  });

  it('refuses the camera to another page, a subframe, another window, or when there is no window', () => {
    expect(request('media', { requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(request('media', { requestingUrl: 'app://keyfob/other.html' })).toBe(false);
    expect(request('media', { requestingUrl: `${RENDERER}?x=1` })).toBe(false);
    expect(request('media', { requestingUrl: '' })).toBe(false);
    expect(request('media', { isMainFrame: false })).toBe(false);
    expect(request('media', {}, { id: 8 })).toBe(false);
    expect(
      request(
        'media',
        {},
        MAIN,
        policy(() => undefined),
      ),
    ).toBe(false);
  });

  it('follows the main window as it is replaced', () => {
    let current = { id: 1 };
    const p = policy(() => current);
    expect(request('media', {}, { id: 1 }, p)).toBe(true);
    current = { id: 2 };
    expect(request('media', {}, { id: 1 }, p)).toBe(false);
    expect(request('media', {}, { id: 2 }, p)).toBe(true);
  });
});

describe('permission checks', () => {
  const check = (
    permission: string,
    details: {
      requestingUrl?: string | undefined;
      isMainFrame?: boolean | undefined;
      mediaType?: string | undefined;
    } = {},
    contents: { id: number } | null = MAIN,
    p = policy(),
  ) =>
    p.check(contents, permission, 'file://', {
      requestingUrl: RENDERER,
      isMainFrame: true,
      mediaType: 'video',
      ...(details as { requestingUrl?: string; isMainFrame?: boolean; mediaType?: string }),
    });

  it('answers yes for the camera on our page', () => {
    expect(check('media')).toBe(true);
  });

  it.each(ALL_PERMISSIONS.filter((p) => p !== 'media'))('answers no for %s', (permission) => {
    expect(check(permission)).toBe(false);
    expect(check(permission, { mediaType: undefined })).toBe(false);
  });

  it('answers no for the microphone or an unknown media type', () => {
    expect(check('media', { mediaType: 'audio' })).toBe(false);
    expect(check('media', { mediaType: 'unknown' })).toBe(false);
    expect(check('media', { mediaType: undefined })).toBe(false);
  });

  it('answers no anywhere but our page in our window', () => {
    expect(check('media', {}, null)).toBe(false);
    expect(check('media', {}, { id: 99 })).toBe(false);
    expect(check('media', { requestingUrl: undefined })).toBe(false);
    expect(check('media', { requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(check('media', { isMainFrame: false })).toBe(false);
    expect(
      check(
        'media',
        {},
        MAIN,
        policy(() => undefined),
      ),
    ).toBe(false);
  });
});

describe('device permissions', () => {
  it('refuses every USB, HID and serial device', () => {
    expect(policy().device()).toBe(false);
  });
});
