// Just enough of a romaji-to-hiragana IME for the composition text the bench shows while the user
// types: syllables as they complete, "nn" as ん, a doubled consonant as っ, letters not yet part
// of a syllable as typed.

const VOWELS = 'aiueo';
const ROWS: Record<string, string> = {
  '': 'あいうえお', k: 'かきくけこ', g: 'がぎぐげご', s: 'さしすせそ', z: 'ざじずぜぞ', t: 'たちつてと', d: 'だぢづでど',
  n: 'なにぬねの', h: 'はひふへほ', b: 'ばびぶべぼ', p: 'ぱぴぷぺぽ', m: 'まみむめも', r: 'らりるれろ',
};
const SPECIAL: Record<string, string> = {
  ya: 'や', yu: 'ゆ', yo: 'よ', wa: 'わ', wo: 'を', nn: 'ん', shi: 'し', chi: 'ち', tsu: 'つ', fu: 'ふ', ji: 'じ',
  ja: 'じゃ', ju: 'じゅ', jo: 'じょ', sha: 'しゃ', shu: 'しゅ', sho: 'しょ', cha: 'ちゃ', chu: 'ちゅ', cho: 'ちょ',
  kya: 'きゃ', kyu: 'きゅ', kyo: 'きょ', ',': '、', '.': '。', '-': 'ー',
};

const TABLE: Record<string, string> = { ...SPECIAL };
for (const [consonant, kana] of Object.entries(ROWS)) {
  Array.from(VOWELS).forEach((vowel, n) => (TABLE[consonant + vowel] = kana[n] as string));
}

/** The composition text for the romaji typed so far. */
export function toKana(romaji: string): string {
  let out = '';
  let i = 0;
  while (i < romaji.length) {
    const syllable = [3, 2, 1].map((len) => romaji.slice(i, i + len)).find((s) => TABLE[s] !== undefined);
    if (syllable !== undefined) {
      out += TABLE[syllable];
      i += syllable.length;
      continue;
    }
    const c = romaji[i] as string;
    if (c === romaji[i + 1] && !VOWELS.includes(c) && c !== 'n') {
      out += 'っ';
      i++;
      continue;
    }
    return out + romaji.slice(i); // not a syllable yet
  }
  return out;
}
