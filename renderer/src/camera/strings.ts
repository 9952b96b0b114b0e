/** The camera scanner's strings, in the three languages; strings.ts merges them into the app's. */

const en = {
  cameraScan: 'Scan with camera',
  cameraTitle: 'Scan with the camera',
  cameraHelp: 'Hold the QR code the site shows up to the camera, about a hand’s width away.',
  cameraPreview: 'Camera preview',
  cameraStarting: 'Starting the camera…',
  cameraLooking: 'Looking for a QR code…',
  cameraFound: 'Found a setup code. The camera is off.',
  cameraNotSetup: 'That QR code is not an authenticator setup code.',
  cameraDenied: 'Keyfob is not allowed to use the camera.',
  cameraAllowIntro: 'To allow it:',
  cameraAllowWindows:
    'Windows: Settings → Privacy & security → Camera: turn on “Camera access” and “Let desktop apps access your camera”.',
  cameraAllowMac: 'macOS: System Settings → Privacy & Security → Camera: turn on Keyfob, then reopen Keyfob.',
  cameraAllowLinux:
    'Linux: make sure your user may open the camera (usually the “video” group); for a Flatpak or Snap, allow the camera in the app’s permissions.',
  cameraMissing:
    'No camera was found. Connect one, or add the account from a screenshot or its link instead.',
  cameraBusy:
    'The camera is in use by another app, or could not be started. Close the other app and try again.',
  cameraUnsupported: 'This window cannot use a camera.',
  cameraFailed: (reason: string) => `The camera could not be started: ${reason}`,
  cameraDecoderFailed: 'The QR code reader could not start.',
  cameraRetry: 'Try again',
};

export type CameraStrings = typeof en;

const de: CameraStrings = {
  cameraScan: 'Mit der Kamera scannen',
  cameraTitle: 'Mit der Kamera scannen',
  cameraHelp: 'Halte den QR-Code, den die Website zeigt, etwa eine Handbreit vor die Kamera.',
  cameraPreview: 'Kameravorschau',
  cameraStarting: 'Kamera wird gestartet…',
  cameraLooking: 'Suche nach einem QR-Code…',
  cameraFound: 'Einrichtungscode gefunden. Die Kamera ist aus.',
  cameraNotSetup: 'Dieser QR-Code ist kein Einrichtungscode für einen Authenticator.',
  cameraDenied: 'Keyfob darf die Kamera nicht verwenden.',
  cameraAllowIntro: 'So erlaubst du es:',
  cameraAllowWindows:
    'Windows: Einstellungen → Datenschutz und Sicherheit → Kamera: „Kamerazugriff“ und „Desktop-Apps Zugriff auf die Kamera erlauben“ einschalten.',
  cameraAllowMac:
    'macOS: Systemeinstellungen → Datenschutz & Sicherheit → Kamera: Keyfob einschalten und Keyfob neu öffnen.',
  cameraAllowLinux:
    'Linux: Dein Benutzer muss die Kamera öffnen dürfen (meist die Gruppe „video“); bei Flatpak oder Snap die Kamera in den Berechtigungen der App erlauben.',
  cameraMissing:
    'Es wurde keine Kamera gefunden. Schließe eine an oder füge das Konto über einen Screenshot oder seinen Link hinzu.',
  cameraBusy:
    'Die Kamera wird von einer anderen App verwendet oder konnte nicht gestartet werden. Schließe die andere App und versuche es erneut.',
  cameraUnsupported: 'Dieses Fenster kann keine Kamera verwenden.',
  cameraFailed: (reason) => `Die Kamera konnte nicht gestartet werden: ${reason}`,
  cameraDecoderFailed: 'Der QR-Code-Leser konnte nicht starten.',
  cameraRetry: 'Erneut versuchen',
};

const zh: CameraStrings = {
  cameraScan: '用摄像头扫描',
  cameraTitle: '用摄像头扫描',
  cameraHelp: '将网站显示的二维码对准摄像头，距离约一个手掌宽。',
  cameraPreview: '摄像头预览',
  cameraStarting: '正在启动摄像头…',
  cameraLooking: '正在寻找二维码…',
  cameraFound: '已找到设置码，摄像头已关闭。',
  cameraNotSetup: '这个二维码不是身份验证器的设置码。',
  cameraDenied: 'Keyfob 没有使用摄像头的权限。',
  cameraAllowIntro: '允许的方法：',
  cameraAllowWindows:
    'Windows：设置 → 隐私和安全性 → 摄像头：打开“摄像头访问”和“允许桌面应用访问你的摄像头”。',
  cameraAllowMac: 'macOS：系统设置 → 隐私与安全性 → 摄像头：打开 Keyfob，然后重新打开 Keyfob。',
  cameraAllowLinux:
    'Linux：确保你的用户可以打开摄像头（通常需要在“video”组中）；如果是 Flatpak 或 Snap，请在应用权限中允许摄像头。',
  cameraMissing: '没有找到摄像头。请连接一个摄像头，或改用截图或链接添加账户。',
  cameraBusy: '摄像头正被其他应用使用，或无法启动。请关闭其他应用后重试。',
  cameraUnsupported: '此窗口无法使用摄像头。',
  cameraFailed: (reason) => `无法启动摄像头：${reason}`,
  cameraDecoderFailed: '二维码读取器无法启动。',
  cameraRetry: '重试',
};

export const cameraStrings = { en, de, zh };
