import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { encodePayload, toMigrationUri } from '../support/migration-proto';

// protocol.ts takes app as a parameter; an empty module proves it does not import Electron for itself.
vi.mock('electron', () => ({}));

import {
  describeLink,
  linkFrom,
  linksFromArgv,
  MAX_LINK_LENGTH,
  PendingLinks,
  registerProtocols,
  type PendingLink,
} from '../../main/app/protocol';
import { parseMigrationUri } from '../../main/otp/migration';

const SECRET = 'JBSWY3DPEHPK3PXP';
const LINK = `otpauth://totp/Example:alice@example.com?secret=${SECRET}&issuer=Example`;
// One account (Discord, johndoe@example.com), from GNOME Authenticator's test suite.
const MIGRATION =
  'otpauth-migration://offline?data=CjYKEExyJfPiZeroMa/MdF%2BnkTISE2pvaG5kb2VAZXhhbXBsZS5jb20aB0Rpc2NvcmQgASgBMAIQARgBIAA%3D';

describe('linksFromArgv', () => {
  it('finds the link on a Windows second-instance command line', () => {
    const argv = [
      'C:\\Program Files\\Keyfob\\Keyfob.exe',
      '--allow-file-access-from-files',
      '--original-process-start-time=13380000000000000',
      LINK,
    ];
    expect(linksFromArgv(argv)).toEqual([LINK]);
  });

  it('finds the link in a development command line (electron . link)', () => {
    expect(linksFromArgv(['/usr/lib/electron/electron', '.', MIGRATION])).toEqual([MIGRATION]);
  });

  it('takes either scheme in any case and gives it back in lower case', () => {
    expect(linksFromArgv(['OTPAUTH://totp/X?secret=A', 'OtpAuth-Migration://offline?data=AA'])).toEqual([
      'otpauth://totp/X?secret=A',
      'otpauth-migration://offline?data=AA',
    ]);
  });

  it('ignores every other scheme and anything that only looks like a link', () => {
    expect(
      linksFromArgv([
        'https://example.com/otpauth://totp/x',
        'http://x',
        'file:///tmp/otpauth.txt',
        'otpauth:totp/X?secret=A',
        'otpauth-migrationx://offline',
        'xotpauth://totp/X',
        ' otpauth://totp/X?secret=A',
        '--otpauth://totp/X',
        'otpauth-other://x',
        '',
      ]),
    ).toEqual([]);
  });

  it('ignores values that are not strings', () => {
    expect(linksFromArgv([undefined, null, 42, { toString: () => LINK }, [LINK]])).toEqual([]);
  });

  it(`accepts up to ${MAX_LINK_LENGTH} characters and ignores longer`, () => {
    const prefix = 'otpauth://totp/X?secret=';
    const longest = prefix + 'A'.repeat(MAX_LINK_LENGTH - prefix.length);
    expect(MAX_LINK_LENGTH).toBe(4096);
    expect(linksFromArgv([longest])).toEqual([longest]);
    expect(linksFromArgv([longest + 'A'])).toEqual([]);
  });

  it('ignores links with control characters in them', () => {
    expect(
      linksFromArgv(['otpauth://totp/X?secret=A\nB', 'otpauth://totp/X\u0000?secret=A', 'otpauth://\u007f']),
    ).toEqual([]);
  });

  it('keeps a link given twice once', () => {
    expect(linksFromArgv([LINK, LINK.replace('otpauth', 'OTPAUTH'), MIGRATION, LINK])).toEqual([
      LINK,
      MIGRATION,
    ]);
  });

  it('answers for a single value through linkFrom', () => {
    expect(linkFrom(LINK)).toBe(LINK);
    expect(linkFrom('https://example.com')).toBeUndefined();
  });
});

describe('PendingLinks', () => {
  function setup(limit?: number) {
    const delivered: PendingLink[][] = [];
    let n = 0;
    const links = new PendingLinks({
      deliver: (batch) => delivered.push([...batch]),
      newId: () => `id-${++n}`,
      ...(limit === undefined ? {} : { limit }),
    });
    return { links, delivered };
  }

  it('holds links until the renderer is ready, then delivers them all at once', () => {
    const { links, delivered } = setup();
    links.add([LINK]);
    links.add(['--flag', MIGRATION]);
    expect(delivered).toEqual([]);
    expect(links.size).toBe(2);
    links.markReady();
    expect(delivered).toEqual([
      [
        { id: 'id-1', link: LINK },
        { id: 'id-2', link: MIGRATION },
      ],
    ]);
  });

  it('delivers a new link at once while ready, and only the new one', () => {
    const { links, delivered } = setup();
    links.add([LINK]);
    links.markReady();
    links.add([MIGRATION]);
    expect(delivered).toEqual([[{ id: 'id-1', link: LINK }], [{ id: 'id-2', link: MIGRATION }]]);
  });

  it('does not deliver when nothing is waiting', () => {
    const { links, delivered } = setup();
    links.markReady();
    links.add(['https://example.com', 'not a link']);
    expect(delivered).toEqual([]);
    expect(links.size).toBe(0);
  });

  it('keeps every link until it is taken or discarded, and tells a reloaded renderer again', () => {
    const { links, delivered } = setup();
    const [first] = links.add([LINK]);
    const [second] = links.add([MIGRATION]);
    links.markReady();
    expect(links.take(first!.id)).toBe(LINK);
    expect(links.take(first!.id)).toBeUndefined();
    links.markNotReady();
    links.markReady();
    expect(delivered.at(-1)).toEqual([{ id: second!.id, link: MIGRATION }]);
    expect(links.discard(second!.id)).toBe(true);
    expect(links.discard(second!.id)).toBe(false);
    expect(links.size).toBe(0);
  });

  it('does not deliver while the renderer is reloading', () => {
    const { links, delivered } = setup();
    links.markReady();
    links.markNotReady();
    expect(links.ready).toBe(false);
    links.add([LINK]);
    expect(delivered).toEqual([]);
  });

  it('skips a link that is already waiting (a double click)', () => {
    const { links, delivered } = setup();
    expect(links.add([LINK])).toHaveLength(1);
    expect(links.add([LINK, 'OTPAUTH' + LINK.slice('otpauth'.length)])).toEqual([]);
    links.markReady();
    expect(delivered).toEqual([[{ id: 'id-1', link: LINK }]]);
  });

  it('checks what it is given itself, whatever the source', () => {
    const { links } = setup();
    expect(links.add(['javascript:alert(1)', 'otpauth:/x', `${LINK}\r\n`, 'A'.repeat(5000)])).toEqual([]);
    expect(links.size).toBe(0);
  });

  it('refuses links beyond its limit', () => {
    const { links } = setup(2);
    const added = links.add([
      'otpauth://totp/a?secret=A',
      'otpauth://totp/b?secret=A',
      'otpauth://totp/c?secret=A',
    ]);
    expect(added.map((l) => l.link)).toEqual(['otpauth://totp/a?secret=A', 'otpauth://totp/b?secret=A']);
    expect(links.size).toBe(2);
    links.discard(added[0]!.id);
    expect(links.add(['otpauth://totp/c?secret=A'])).toHaveLength(1);
  });

  it('gives each link a random id by default', () => {
    const links = new PendingLinks({ deliver: () => {} });
    const [a, b] = links.add(['otpauth://totp/a?secret=A', 'otpauth://totp/b?secret=A']);
    expect(a!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a!.id).not.toBe(b!.id);
  });
});

describe('describeLink', () => {
  it('describes a setup link by name, without its secret', () => {
    const summary = describeLink({ id: 'id-1', link: LINK });
    expect(summary).toEqual({
      id: 'id-1',
      kind: 'otpauth',
      accounts: [{ issuer: 'Example', label: 'alice@example.com', type: 'totp' }],
      refused: [],
    });
    expect(JSON.stringify(summary)).not.toContain(SECRET);
  });

  it('describes an export link account by account, without their secrets', () => {
    const summary = describeLink({ id: 'id-2', link: MIGRATION });
    expect(summary).toMatchObject({
      id: 'id-2',
      kind: 'otpauth-migration',
      accounts: [{ issuer: 'Discord', label: 'johndoe@example.com', type: 'totp' }],
      batch: { index: 0, size: 1 },
    });
    const batch = parseMigrationUri(MIGRATION);
    const secret = batch.entries[0]?.status === 'ok' ? batch.entries[0].account.secret : undefined;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(JSON.stringify(summary)).not.toContain(secret);
    expect(JSON.stringify(summary)).not.toContain('data=');
  });

  it('says where a refused entry with no name was, for the window to word in its language', () => {
    const link = toMigrationUri(
      encodePayload({
        otp_parameters: [{ secret: new Uint8Array(0), type: 2, digits: 1, algorithm: 1 }],
        batch_size: 1,
      }),
    );
    const summary = describeLink({ id: 'id-5', link });
    expect(summary.refused).toEqual([
      expect.objectContaining({ place: { kind: 'entry', n: 1 }, reasonKey: expect.any(String) }),
    ]);
  });

  it('explains a link that cannot be added, instead of throwing', () => {
    const summary = describeLink({ id: 'id-3', link: 'otpauth://totp/X?issuer=Y' });
    expect(summary.accounts).toEqual([]);
    expect(summary.error).toMatchObject({ code: 'URI_INVALID', message: expect.any(String) });
    expect(describeLink({ id: 'id-4', link: 'otpauth-migration://offline?data=' }).error?.code).toBe(
      'MIGRATION_INVALID',
    );
  });
});

describe('registerProtocols', () => {
  it('registers both schemes for the installed app', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) };
    const result = registerProtocols(app, { execPath: '/opt/Keyfob/keyfob', argv: ['/opt/Keyfob/keyfob'] });
    expect(result).toEqual({ otpauth: true, 'otpauth-migration': true });
    expect(app.setAsDefaultProtocolClient.mock.calls).toEqual([['otpauth'], ['otpauth-migration']]);
  });

  it('in development, registers Electron with the resolved script path', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) };
    registerProtocols(app, {
      defaultApp: true,
      execPath: '/usr/lib/electron/electron',
      argv: ['electron', '.'],
    });
    expect(app.setAsDefaultProtocolClient.mock.calls).toEqual([
      ['otpauth', '/usr/lib/electron/electron', [resolve('.')]],
      ['otpauth-migration', '/usr/lib/electron/electron', [resolve('.')]],
    ]);
  });

  it('in development without a script path, registers nothing rather than Electron alone', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) };
    const result = registerProtocols(app, { defaultApp: true, execPath: '/e', argv: ['/e'] });
    expect(result).toEqual({ otpauth: false, 'otpauth-migration': false });
    expect(app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
  });

  it('reports a scheme the system refused', () => {
    const app = { setAsDefaultProtocolClient: vi.fn((scheme: string) => scheme === 'otpauth') };
    expect(registerProtocols(app, { execPath: '/k', argv: ['/k'] })).toEqual({
      otpauth: true,
      'otpauth-migration': false,
    });
  });
});
