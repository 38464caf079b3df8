// Issue 8: the walkthrough picks the endpoint before the key.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

describe('first-run walkthrough', () => {
  const root = path.resolve(__dirname, '../../../..');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes: { walkthroughs: { steps: { id: string; description: string; completionEvents: string[]; media: { markdown: string } }[] }[] };
  };
  const steps = manifest.contributes.walkthroughs[0]?.steps ?? [];
  const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

  it('chooses the endpoint before the key, and the key step says the key is for that endpoint', () => {
    const endpoint = steps.findIndex((s) => s.completionEvents.includes('onCommand:relayChat.selectEndpoint'));
    const key = steps.findIndex((s) => s.completionEvents.includes('onCommand:relayChat.setApiKey'));
    assert.equal(endpoint, 0, 'the endpoint is the first step');
    assert.ok(key > endpoint, 'the key comes after the endpoint');
    const keyStep = steps[key];
    assert.match(nls[keyStep?.description.replace(/%/g, '') ?? ''] ?? '', /endpoint you chose/);
    assert.match(fs.readFileSync(path.join(root, keyStep?.media.markdown ?? ''), 'utf8'), /endpoint you chose/);
  });

  it('every step\'s page exists', () => {
    for (const step of steps) assert.ok(fs.existsSync(path.join(root, step.media.markdown)), step.media.markdown);
  });
});
