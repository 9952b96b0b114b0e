import { useState, useSyncExternalStore, type CSSProperties } from 'react';
import {
  avatarLetter,
  letterColours,
  LETTER_ON_DARK,
  LETTER_ON_LIGHT,
} from '../features/accounts/brand-icons-colour';
import { iconIndexState, iconUrl, subscribeIconIndex } from '../features/accounts/brand-icons-loader';
import './account-icon.css';

export interface AccountIconProps {
  issuer: string;
  label: string;
  /** Width and height in CSS pixels; 40 by default. */
  size?: number;
  /** The person's choice: an icon's slug, or 'letter' for the letter avatar whatever the issuer. */
  override?: string;
}

/**
 * An account's picture: its brand's icon (simple-icons, matched on the issuer, or on the e-mail domain of the
 * label when there is no issuer) or a letter avatar. Either way one image element named after the account, so a
 * screen reader says the name once and the tile is never a nameless graphic.
 */
export function AccountIcon({ issuer, label, size = 40, override }: AccountIconProps) {
  const index = useSyncExternalStore(subscribeIconIndex, iconIndexState);
  // A file that will not load (an override naming an icon a later simple-icons dropped): letters instead.
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const name = issuer.trim() || label.trim();
  const box: CSSProperties = { width: size, height: size };

  const icon =
    index && override !== 'letter'
      ? override !== undefined
        ? index.bySlug(override)
        : index.match(issuer, label)
      : undefined;
  if (icon && failed !== icon.slug) {
    return (
      <img
        className="account-icon account-icon-brand"
        src={iconUrl(icon.slug)}
        alt={name}
        width={size}
        height={size}
        decoding="async"
        loading="lazy"
        draggable={false}
        data-icon={icon.slug}
        onError={() => setFailed(icon.slug)}
      />
    );
  }
  // Until the index is there (a few milliseconds after the first paint), a plain tile of the same size, so
  // nothing moves and no letter flashes before its brand icon.
  if (index === undefined && override !== 'letter') {
    return <span role="img" aria-label={name} className="account-icon account-icon-pending" style={box} />;
  }
  const colours = letterColours(name);
  const style = {
    ...box,
    fontSize: Math.round(size * 0.46),
    '--account-icon-bg-light': colours.light,
    '--account-icon-bg-dark': colours.dark,
    '--account-icon-fg-light': LETTER_ON_LIGHT,
    '--account-icon-fg-dark': LETTER_ON_DARK,
  } as CSSProperties;
  return (
    <span role="img" aria-label={name} className="account-icon account-icon-letter" style={style}>
      <span aria-hidden="true">{avatarLetter(name)}</span>
    </span>
  );
}
