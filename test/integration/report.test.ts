import * as assert from 'assert';
import { FirstByteTimeoutError, type DiagnosticReport } from '../../src/core';
import { renderReport } from '../../src/vscode/report';

describe('Test Connection report', () => {
  it('says what to do when the relay connected but never answered (timeout_first_byte)', () => {
    const report: DiagnosticReport = {
      baseUrl: 'https://relay.example/v1', model: 'gpt-4o', ok: false,
      steps: [
        { id: 'models', outcome: 'ok', ms: 12, facts: { count: 3 } },
        { id: 'chat', outcome: 'fail', ms: 30_000, facts: {}, error: new FirstByteTimeoutError(30_000) },
      ],
    };
    const text = renderReport(report);
    const fixes = text.slice(text.indexOf('## '));
    assert.match(fixes, /no response within 30 s/, text);
    assert.match(fixes, /relayChat\.timeouts\.firstByteSeconds/, text);
    assert.doesNotMatch(fixes, /http\.proxy/, 'not the "could not connect" advice');
  });
});
