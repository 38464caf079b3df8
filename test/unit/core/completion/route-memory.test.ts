// Which route (FIM or chat) a relay refused, remembered (a part the completion engine decides with).
import * as assert from 'node:assert/strict';
import { RouteMemory, routeRefused } from '../../../../src/core/completion/route-memory';
import { AuthError, BadRequestError, HttpError, ModelNotFoundError, NetworkError, RateLimitedError } from '../../../../src/core/errors';
import { MapStore } from '../../support/completion-fakes';

describe('completion parts', () => {
  describe('route memory', () => {
    const URL = 'https://relay.example/v1';

    it('tries the routes each mode allows, in order', () => {
      const routes = new RouteMemory(new MapStore());
      assert.deepEqual(routes.candidates('auto', URL, 'm'), ['completions', 'fim', 'chat']);
      assert.deepEqual(routes.candidates('fim', URL, 'm'), ['completions', 'fim']);
      assert.deepEqual(routes.candidates('chat', URL, 'm'), ['chat']);
    });

    it('remembers the route that worked per endpoint and model, across instances on the same store', () => {
      const store = new MapStore();
      new RouteMemory(store).worked(URL, 'codestral-latest', 'fim');
      const routes = new RouteMemory(store);
      assert.deepEqual(routes.candidates('auto', URL, 'codestral-latest'), ['fim']);
      assert.deepEqual(routes.candidates('fim', URL, 'codestral-latest'), ['fim']);
      assert.deepEqual(routes.candidates('chat', URL, 'codestral-latest'), ['chat'], 'the mode still rules');
      assert.deepEqual(routes.candidates('auto', URL, 'other-model'), ['completions', 'fim', 'chat']);
      assert.deepEqual(routes.candidates('auto', 'https://other.example/v1', 'codestral-latest'), ['completions', 'fim', 'chat']);
    });

    it('skips refused routes, keeps the last one when all are refused, and forgets on reset', () => {
      const store = new MapStore();
      const routes = new RouteMemory(store);
      routes.refusedBy(URL, 'm', 'completions');
      assert.deepEqual(routes.candidates('auto', URL, 'm'), ['fim', 'chat']);
      routes.refusedBy(URL, 'm', 'fim');
      assert.deepEqual(routes.candidates('fim', URL, 'm'), ['fim']);
      routes.worked(URL, 'm', 'chat');
      routes.forget();
      assert.deepEqual(routes.candidates('auto', URL, 'm'), ['completions', 'fim', 'chat']);
      assert.deepEqual(new RouteMemory(store).candidates('auto', URL, 'm'), ['completions', 'fim', 'chat']);
    });

    it('takes 404/405/501, bad_request and an unknown model for a refused route, not a bad key or a 5xx', () => {
      const refused = [new HttpError('x', { status: 404 }), new HttpError('x', { status: 405 }), new HttpError('x', { status: 501 }), new BadRequestError('x'), new ModelNotFoundError('m', 'x')];
      const not = [new AuthError('x'), new HttpError('x', { status: 500 }), new RateLimitedError('x'), new NetworkError('x')];
      assert.deepEqual(refused.map(routeRefused), refused.map(() => true));
      assert.deepEqual(not.map(routeRefused), not.map(() => false));
    });
  });
});
