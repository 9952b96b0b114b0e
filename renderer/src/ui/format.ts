export function accountName(a: { issuer: string; label: string }): string {
  return a.issuer ? `${a.issuer} (${a.label})` : a.label;
}

/** 123 456, 1234 5678: easier to read aloud and to type. */
export function groupCode(code: string): string {
  if (code.length < 6) return code;
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}
