import { useState } from 'react';
import type { SettingsView } from '../../../../preload/api';
import { languages, type Lang } from '../../i18n';
import type { Strings } from '../../i18n/strings';
import { useAppState, useStore } from '../../store/react';
import type { SettingsChange } from '../../store/store';
import { ShortcutField } from '../../ui/ShortcutField';
import './settings.css';

/** Settings take effect as they change: each is saved by main, which answers with what it kept. */
export function SettingsScreen({ t, settings }: { t: Strings; settings: SettingsView }) {
  const store = useStore();
  const mac = useAppState((s) => s.mac);
  const save = (change: SettingsChange) => store.saveSettings(change);
  const [seconds, setSeconds] = useState(String(settings.clipboardTimeoutSeconds));
  return (
    <div className="settings">
      <section aria-labelledby="clipboard-title">
        <h2 id="clipboard-title">{t.clipboardTitle}</h2>
        <fieldset>
          <legend>{t.clipboardClear}</legend>
          <label className="check">
            <input
              type="radio"
              name="clear"
              checked={settings.clipboardClear === 'expiry'}
              onChange={() => void save({ clipboardClear: 'expiry' })}
            />
            {t.clearOnExpiry}
          </label>
          <label className="check">
            <input
              type="radio"
              name="clear"
              checked={settings.clipboardClear === 'timeout'}
              onChange={() => void save({ clipboardClear: 'timeout' })}
            />
            {t.clearAfter}
          </label>
        </fieldset>
        {/* Only "after a fixed time" uses the seconds: under it, and visibly off while the other is chosen. */}
        <div className="clear-seconds">
          <label htmlFor="clear-seconds">{t.clearSeconds}</label>
          <input
            id="clear-seconds"
            type="number"
            min={5}
            max={600}
            value={seconds}
            disabled={settings.clipboardClear !== 'timeout'}
            aria-describedby="seconds-help"
            onChange={(e) => {
              setSeconds(e.target.value);
              // Saved as soon as it is a usable value; "4" on the way to "45" is not sent.
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 5 && n <= 600) void save({ clipboardTimeoutSeconds: n });
            }}
          />
          <p id="seconds-help" className="help">
            {t.clearSecondsHelp}
          </p>
        </div>
      </section>
      <section aria-labelledby="look-title">
        <h2 id="look-title">{t.appearance}</h2>
        {/* A grid of label and control: the drop-downs line up whatever the words' length in each language. */}
        <div className="settings-grid">
          <label htmlFor="setting-theme">{t.theme}</label>
          <select
            id="setting-theme"
            value={settings.theme}
            onChange={(e) => void save({ theme: e.target.value as SettingsView['theme'] })}
          >
            <option value="system">{t.themeSystem}</option>
            <option value="light">{t.themeLight}</option>
            <option value="dark">{t.themeDark}</option>
          </select>
          <label htmlFor="setting-density">{t.density}</label>
          <select
            id="setting-density"
            value={settings.density}
            onChange={(e) => void save({ density: e.target.value as SettingsView['density'] })}
          >
            <option value="comfortable">{t.densityComfortable}</option>
            <option value="compact">{t.densityCompact}</option>
          </select>
          <label htmlFor="setting-language">{t.language}</label>
          <select
            id="setting-language"
            value={settings.language ?? ''}
            onChange={(e) => void save({ language: e.target.value === '' ? null : (e.target.value as Lang) })}
          >
            <option value="">{t.languageSystem}</option>
            {languages.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
      </section>
      <section aria-labelledby="shortcut-title">
        <h2 id="shortcut-title">{t.shortcutTitle}</h2>
        <label htmlFor="search-shortcut">{t.shortcutLabel}</label>
        <ShortcutField
          id="search-shortcut"
          value={settings.shortcut}
          mac={mac}
          t={t}
          describedBy="shortcut-help"
          onChange={(shortcut) => void save({ shortcut })}
        />
        <p id="shortcut-help" className="help">
          {t.shortcutHelp}
        </p>
        {settings.shortcutTaken && (
          <p className="warning" role="status">
            {t.shortcutTaken}
          </p>
        )}
      </section>
      <section aria-labelledby="start-title">
        <h2 id="start-title">{t.startTitle}</h2>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.startAtLogin}
            onChange={(e) => void save({ startAtLogin: e.target.checked })}
          />
          {t.startAtLogin}
        </label>
      </section>
    </div>
  );
}
