// "The model": it knows the corpus by heart, so for a cursor inside one of its files it writes
// exactly what the file has there. A benchmark can then score completions against the truth.

/** How much of the prefix must match when the client sent a trimmed prefix. */
const PREFIX_TAIL = 300;
/** How much of the suffix marks where the insertion ends. */
const SUFFIX_HEAD = 200;

interface Cursor {
  file: string;
  at: number;
}

/**
 * The text between `prefix` and `suffix` in the file they come from, or undefined when no file
 * matches. A file that starts with the whole prefix wins; otherwise the last occurrence of the
 * prefix's last 300 characters that the suffix follows. A blank suffix means "to the end".
 */
export function trueInsertion(files: readonly string[], prefix: string, suffix: string): string | undefined {
  const head = suffix.trim() === '' ? '' : suffix.slice(0, SUFFIX_HEAD);
  const cursors = [...wholePrefixCursors(files, prefix), ...tailCursors(files, prefix)];
  const fitting = cursors.find((c) => head === '' || c.file.indexOf(head, c.at) >= 0);
  // Code below the cursor that the file does not have (edited by the user): write to the end.
  const cursor = fitting ?? cursors[0];
  if (!cursor) return undefined;
  const end = head && fitting ? cursor.file.indexOf(head, cursor.at) : cursor.file.length;
  return cursor.file.slice(cursor.at, end);
}

function wholePrefixCursors(files: readonly string[], prefix: string): Cursor[] {
  return files.filter((file) => file.startsWith(prefix)).map((file) => ({ file, at: prefix.length }));
}

/** Where the prefix's tail occurs in each file, last occurrence first. */
function tailCursors(files: readonly string[], prefix: string): Cursor[] {
  const tail = prefix.slice(-PREFIX_TAIL);
  if (!tail) return [];
  const out: Cursor[] = [];
  for (const file of files) {
    for (let i = file.lastIndexOf(tail); i >= 0; i = i === 0 ? -1 : file.lastIndexOf(tail, i - 1)) {
      out.push({ file, at: i + tail.length });
    }
  }
  return out;
}
