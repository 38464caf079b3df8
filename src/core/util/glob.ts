/**
 * A glob as VS Code's settings write them (`**`, `*`, `?`, `{a,b}`, `[a-z]`), as a regular expression
 * over `/`-separated paths. Matching ignores case: `.ENV` on Windows or macOS is the same file, and a
 * pattern that guards secrets errs on the side of matching.
 */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${source(glob.replace(/\\/g, '/'))}$`, 'i');
}

function source(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      const slashBefore = i === 0 || glob[i - 1] === '/';
      // `**/` is any number of folders, none included; a trailing `/**` is the folder's whole content.
      if (slashBefore && slashAfter) { out += '(?:.*/)?'; i += 2; continue; }
      if (slashBefore && i + 2 === glob.length) { out = out.endsWith('/') ? `${out.slice(0, -1)}(?:/.*)?` : `${out}.*`; i += 1; continue; }
      out += '.*';
      i += 1;
      continue;
    }
    if (c === '*') { out += '[^/]*'; continue; }
    if (c === '?') { out += '[^/]'; continue; }
    if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end > i) {
        out += `(?:${glob.slice(i + 1, end).split(',').map(source).join('|')})`;
        i = end;
        continue;
      }
    }
    if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end > i) {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
        continue;
      }
    }
    out += c.replace(/[.+^$()|\\\]{}[]/g, '\\$&');
  }
  return out;
}
