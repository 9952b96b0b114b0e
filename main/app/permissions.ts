import { isRendererUrl } from './renderer-url';

/** What the request handler is told; Electron's PermissionRequest and MediaAccessPermissionRequest fit it. */
export interface PermissionRequestDetails {
  requestingUrl: string;
  isMainFrame: boolean;
  mediaTypes?: ReadonlyArray<string>;
}

/** What the check handler is told; Electron's PermissionCheckHandlerHandlerDetails fits it. */
export interface PermissionCheckDetails {
  requestingUrl?: string;
  isMainFrame: boolean;
  mediaType?: string;
}

export interface PermissionPolicySettings {
  rendererUrl: string;
  /** The main window's web contents, or undefined while there is none. */
  mainContents: () => { id: number } | undefined;
}

export interface PermissionPolicy {
  request(
    contents: { id: number },
    permission: string,
    callback: (granted: boolean) => void,
    details: PermissionRequestDetails,
  ): void;
  check(
    contents: { id: number } | null,
    permission: string,
    requestingOrigin: string,
    details: PermissionCheckDetails,
  ): boolean;
  device(): boolean;
}

/**
 * The camera, for scanning a QR code, is the one thing Keyfob's page needs from the browser. Everything else
 * (microphone, screen capture, notifications, location, clipboard reading, USB/HID/serial devices, opening
 * external protocols, …) is refused, and so is the camera for any other page, frame or window: a permission
 * granted to "the app" would be granted to whatever content ends up in it.
 */
export function createPermissionPolicy(settings: PermissionPolicySettings): PermissionPolicy {
  const ownPage = (contents: { id: number } | null, url: unknown, isMainFrame: boolean): boolean => {
    const main = settings.mainContents();
    return (
      contents !== null &&
      main !== undefined &&
      contents.id === main.id &&
      isMainFrame === true &&
      isRendererUrl(url, settings.rendererUrl)
    );
  };

  return {
    request(contents, permission, callback, details) {
      const types = details.mediaTypes;
      // An empty list asks for no device in particular, which is not "video only".
      const videoOnly = Array.isArray(types) && types.length > 0 && types.every((type) => type === 'video');
      callback(
        permission === 'media' && videoOnly && ownPage(contents, details.requestingUrl, details.isMainFrame),
      );
    },
    check(contents, permission, _requestingOrigin, details) {
      return (
        permission === 'media' &&
        details.mediaType === 'video' &&
        ownPage(contents, details.requestingUrl, details.isMainFrame)
      );
    },
    // Without a device handler Electron would honour grants made through a device chooser.
    device: () => false,
  };
}
