// What the demo "model" sees in code without understanding it: the declarations (name, kind,
// parameters, line) and a few telling traits. Enough for an explanation that fits the selection.

export type DeclarationKind = 'function' | 'method' | 'class' | 'interface' | 'type' | 'constant' | 'variable';

export interface Declaration {
  name: string;
  kind: DeclarationKind;
  /** 1-based, in the file when the code's first line number is known. */
  line: number;
  /** The parameter list as written, for functions and methods. */
  params?: string;
}

export type Trait = 'exported' | 'async' | 'template' | 'errors' | 'loop' | 'cjk';

interface Pattern {
  kind: DeclarationKind;
  re: RegExp;
}

const NOT_METHODS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'constructor']);

// Order matters: the first pattern that matches a line names its declaration.
const PATTERNS: Pattern[] = [
  { kind: 'function', re: /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*(\w+)\s*(?:<[^>]*>)?\(([^)]*)\)/ },
  { kind: 'function', re: /^\s*(?:export\s+)?const\s+(\w+)\s*=\s*(?:async\s*)?\(([^)]*)\)[^=]*=>/ },
  { kind: 'function', re: /^\s*(?:async\s+)?def\s+(\w+)\s*\(([^)]*)\)/ },
  { kind: 'function', re: /^\s*func\s+(?:\([^)]*\)\s*)?(\w+)\s*\(([^)]*)\)/ },
  { kind: 'class', re: /^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+(\w+)/ },
  { kind: 'interface', re: /^\s*(?:export\s+)?interface\s+(\w+)/ },
  { kind: 'interface', re: /^\s*type\s+(\w+)\s+interface\b/ },
  { kind: 'type', re: /^\s*(?:export\s+)?type\s+(\w+)\b/ },
  { kind: 'constant', re: /^\s*(?:export\s+)?const\s+(\w+)\s*[:=]/ },
  { kind: 'variable', re: /^\s*(?:export\s+)?(?:let|var)\s+(\w+)/ },
  { kind: 'method', re: /^\s+(?:(?:public|private|protected|static|async|readonly|override)\s+)*(\w+)\s*(?:<[^>]*>)?\(([^)]*)\)\s*(?::[^{]*)?\{\s*$/ },
];

/** The declarations in `code`, in order; `firstLine` is the line number of its first line. */
export function declarationsOf(code: string, firstLine = 1): Declaration[] {
  const out: Declaration[] = [];
  code.split('\n').forEach((text, i) => {
    for (const { kind, re } of PATTERNS) {
      const m = re.exec(text);
      if (!m?.[1] || (kind === 'method' && NOT_METHODS.has(m[1]))) continue;
      out.push({ name: m[1], kind, line: firstLine + i, ...(m[2] !== undefined ? { params: m[2].trim() } : {}) });
      break;
    }
  });
  return out;
}

const TRAITS: [Trait, RegExp][] = [
  ['exported', /^\s*export\s|^\s*module\.exports|^func [A-Z]/m],
  ['async', /\basync\b|\bawait\b|\bgo func\b/],
  ['template', /`[^`]*\$\{|\bf"[^"]*\{|\bf'[^']*\{|\bfmt\.Sprintf\(/],
  ['errors', /\btry\b|\bcatch\b|\bthrow\b|\braise\b|\bexcept\b|\berr != nil\b/],
  ['loop', /\bfor\b|\bwhile\b|\.forEach\(|\.map\(|\.reduce\(/],
  ['cjk', /[\u3040-\u30ff\p{Script=Han}]/u],
];

export function traitsOf(code: string): Trait[] {
  return TRAITS.filter(([, re]) => re.test(code)).map(([trait]) => trait);
}

/** A call with example arguments for `params`, e.g. `greet("Relay")`, in the code's language. */
export function exampleCall(language: string, d: Declaration): string {
  const args = (d.params ?? '').split(',').map((p) => p.trim()).filter((p) => p && !/^(self|cls)\b/.test(p)).map(exampleArgument);
  const call = `${d.name}(${args.join(', ')})`;
  if (/^python$/.test(language)) return `result = ${call}\nprint(result)`;
  if (/^go$/.test(language)) return `result := ${call}\nfmt.Println(result)`;
  return `const result = ${call};\nconsole.log(result);`;
}

function exampleArgument(param: string): string {
  const type = (/[:\s]\s*([\w[\]<>.|]+)\s*(?:=.*)?$/.exec(param)?.[1] ?? '').toLowerCase();
  const name = param.replace(/[:=\s].*$/, '').replace(/^\.\.\./, '');
  if (/string|str\b/.test(type) || /name|text|title|path|url/i.test(name)) return '"Relay"';
  if (/number|int|float|double/.test(type) || /^(n|count|ms|size|index|[ab])$/i.test(name)) return '42';
  if (/bool/.test(type)) return 'true';
  if (/\[\]|list|array/.test(type)) return '[]';
  return name || 'value';
}
