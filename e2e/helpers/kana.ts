/** Width conversions for search tests: 全角カタカナ → 半角ｶﾀｶﾅ, ASCII → 全角英数字. */

const fullKatakana =
  'ァアィイゥウェエォオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモャヤュユョヨラリルレロワヲンッー・';
const halfKatakana = 'ｧｱｨｲｩｳｪｴｫｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓｬﾔｭﾕｮﾖﾗﾘﾙﾚﾛﾜｦﾝｯｰ･';

/** 「カイゴサービス」 → 「ｶｲｺﾞｻｰﾋﾞｽ」 (voiced marks become separate half-width marks). */
export function toHalfWidthKatakana(value: string): string {
  return Array.from(value.normalize('NFD'))
    .map((character) => {
      if (character === '\u3099') return 'ﾞ';
      if (character === '\u309a') return 'ﾟ';
      if (character === 'ヴ') return 'ｳﾞ';
      const index = fullKatakana.indexOf(character);
      return index >= 0 ? (halfKatakana[index] ?? character) : character;
    })
    .join('');
}

/** "KMR clinic" → "ＫＭＲ" + U+3000 + "ｃｌｉｎｉｃ" */
export function toFullWidthAscii(value: string): string {
  return Array.from(value)
    .map((character) => {
      const code = character.charCodeAt(0);
      if (code === 0x20) return '\u3000';
      return code > 0x20 && code < 0x7f ? String.fromCharCode(code + 0xfee0) : character;
    })
    .join('');
}
