import type { CSSProperties } from 'react';
import type { ShownCode } from '../store/codes';

/** The time left in the period, animated by CSS from the moment the code was shown: no work per tick. */
export function Ring({ code, label }: { code: ShownCode; label: string }) {
  const r = 9;
  const c = 2 * Math.PI * r;
  const style = {
    '--c': `${c}`,
    '--period': `${code.period}s`,
    '--delay': `${code.ringMs - code.period * 1000}ms`,
    '--ending': `${Math.max(0, code.ringMs - 5000)}ms`,
  } as CSSProperties;
  return (
    <svg className="ring" viewBox="0 0 24 24" role="img" aria-label={label}>
      <circle className="track" cx="12" cy="12" r={r} />
      <circle key={code.code} className="left" cx="12" cy="12" r={r} strokeDasharray={c} style={style} />
    </svg>
  );
}
