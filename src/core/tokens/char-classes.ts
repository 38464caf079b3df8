/**
 * A text's characters by the classes tokenizers treat differently: ASCII words are a few characters a
 * token, CJK ideographs about one each (more in older vocabularies), emoji and rare scripts several.
 * `words` counts runs of ASCII letters, since most English words are one token however long they are.
 */
export interface CharClasses {
  letters: number;
  digits: number;
  spaces: number;
  punctuation: number;
  words: number;
  cjk: number;
  kana: number;
  hangul: number;
  /** Emoji and their modifiers (skin tones, joiners, variation selectors): several tokens each. */
  emoji: number;
  /** Characters of runs of 8+ ASCII letters and digits mixed (hashes, ids, base64): tokenizers split
   * them every 2 or 3 characters, where an ordinary word is one token; counted here instead of as
   * letters, digits and words. */
  mixed: number;
  /** Everything else: accented Latin, Cyrillic, Greek, other scripts and symbols (per code point). */
  other: number;
}

export const CHAR_CLASS_NAMES: readonly (keyof CharClasses)[] = ['letters', 'digits', 'spaces', 'punctuation', 'words', 'cjk', 'kana', 'hangul', 'emoji', 'mixed', 'other'];

export function charClasses(text: string): CharClasses {
  const c: CharClasses = { letters: 0, digits: 0, spaces: 0, punctuation: 0, words: 0, cjk: 0, kana: 0, hangul: 0, emoji: 0, mixed: 0, other: 0 };
  let inWord = false;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const letter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    if (letter) {
      c.letters++;
      if (!inWord) c.words++;
    } else if (code >= 0x30 && code <= 0x39) c.digits++;
    else if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) c.spaces++;
    else if (code < 0x80) c.punctuation++;
    else if (isCjk(code)) c.cjk++;
    else if ((code >= 0x3040 && code <= 0x30ff) || (code >= 0x31f0 && code <= 0x31ff) || (code >= 0xff66 && code <= 0xff9f)) c.kana++;
    else if ((code >= 0xac00 && code <= 0xd7af) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f)) c.hangul++;
    else if (code >= 0x1f000 || (code >= 0x2600 && code <= 0x27bf) || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) c.emoji++;
    else c.other++;
    inWord = letter;
  }
  for (const [run] of text.matchAll(MIXED_RUN)) {
    const digits = run.replace(/[^0-9]/g, '').length;
    if (digits === 0 || digits === run.length) continue;
    c.digits -= digits;
    c.letters -= run.length - digits;
    c.words -= run.match(/[A-Za-z]+/g)?.length ?? 0;
    c.mixed += run.length;
  }
  return c;
}

// Bounded by anything but an ASCII letter or digit, so a run is never part of a longer one.
const MIXED_RUN = /(?<![A-Za-z0-9])[A-Za-z0-9]{8,}(?![A-Za-z0-9])/g;

/** CJK ideographs (unified, extensions, compatibility) and the CJK punctuation and full-width forms. */
function isCjk(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x20000 && code <= 0x3134f)
    || (code >= 0xf900 && code <= 0xfaff) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xff65);
}
