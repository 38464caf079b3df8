// The corpus: a few original source files whose text the fake "model" knows by heart. They are
// read from the repository (test/fakes/corpus/), not from out/, because tsc does not copy .py or .go.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CorpusFile {
  name: string;
  text: string;
}

let cached: CorpusFile[] | undefined;

/** The corpus files, sorted by name; read once per process. */
export function loadCorpus(): CorpusFile[] {
  if (!cached) {
    const folder = path.join(repositoryRoot(), 'test', 'fakes', 'corpus');
    cached = fs.readdirSync(folder).sort().map((name) => ({ name, text: fs.readFileSync(path.join(folder, name), 'utf8') }));
  }
  return cached.map((f) => ({ ...f }));
}

/** Walks up from this file (in src or in out/) to the folder holding package.json. */
function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`fake relay: no package.json above ${__dirname}`);
  }
}
