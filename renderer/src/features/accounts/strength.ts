/**
 * A simple, honest estimate of how hard a backup's password is to guess: its length times the bits of the
 * kinds of characters it uses (lower case, upper case, digits, ASCII symbols and space, anything else), with
 * repeats counted only twice per character, so "aaaaaaaaaaaaaaaa" is not called strong. It knows nothing of
 * words and leaks (a long common phrase still scores well), which the words around the hint say.
 *
 * The thresholds are in bits: an Aegis backup's scrypt (N=2^15) makes each guess cost milliseconds, so 50 bits
 * is many CPU-years and 70 out of reach; below 50 is called weak.
 */
export type Strength = 'weak' | 'fair' | 'strong';

const WEAK_BELOW_BITS = 50;
const STRONG_FROM_BITS = 70;

const CLASSES: ReadonlyArray<readonly [RegExp, number]> = [
  [/[a-z]/, 26],
  [/[A-Z]/, 26],
  [/[0-9]/, 10],
  [/[ !-/:-@[-`{-~]/, 33],
  // Letters of other scripts: a pool of a hundred is modest for any of them.
  [/[^\x20-\x7e]/u, 100],
];

export function passwordBits(password: string): number {
  const chars = [...password];
  const pool = CLASSES.reduce((sum, [pattern, size]) => (pattern.test(password) ? sum + size : sum), 0);
  if (pool === 0) return 0;
  const counted = Math.min(chars.length, 2 * new Set(chars).size);
  return counted * Math.log2(pool);
}

export function passwordStrength(password: string): Strength {
  const bits = passwordBits(password);
  return bits < WEAK_BELOW_BITS ? 'weak' : bits < STRONG_FROM_BITS ? 'fair' : 'strong';
}
