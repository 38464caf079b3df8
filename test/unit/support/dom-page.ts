// A page in headless Chromium for the webview's DOM tests: Debian's chromium driven through
// playwright-core, which scripts/setup-tools.sh installs for the UI tests (not a devDependency).
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** The repository (tests run from out/test/unit/…). */
export const REPO = path.resolve(__dirname, '../../../..');
const TOOLS = process.env.RELAY_TOOLS || path.join(REPO, '.tools');

export interface Page {
  setContent(html: string): Promise<void>;
  addScriptTag(options: { content: string }): Promise<unknown>;
  addStyleTag(options: { content: string }): Promise<unknown>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

export interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = createRequire(path.join(TOOLS, 'driver/'))('playwright-core') as { chromium: { launch(o: object): Promise<Browser> } };
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
}
