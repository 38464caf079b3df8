// The globs of the excluded-files list (tested with it, whose title it keeps).
import * as assert from 'node:assert/strict';
import { compileGlob, GlobError } from '../../../../src/core/util/glob';

describe('files never sent to the relay', () => {
  describe('compileGlob', () => {
    const cases: [string, string, boolean][] = [
      ['**', 'a/b/c', true], ['**/x', 'x', true], ['**/x', 'a/b/x', true], ['**/x', 'a/bx', false],
      ['a/**', 'a', true], ['a/**', 'a/b/c', true], ['a/**', 'ab/c', false], ['a/**/b', 'a/b', true], ['a/**/b', 'a/x/y/b', true],
      ['*.ts', 'x.ts', true], ['*.ts', 'a/x.ts', false], ['?.md', 'a.md', true], ['?.md', 'ab.md', false],
      ['[ab].txt', 'b.txt', true], ['[!ab].txt', 'b.txt', false], ['x.{js,ts}', 'x.ts', true], ['x.{js,ts}', 'x.rs', false],
      ['a+b(1).txt', 'a+b(1).txt', true], ['{broken', '{broken', true], ['.ENV', '.env', true],
      ['[A-C].txt', 'b.TXT', true], ['**/**/x', 'x', true], ['**/**/x', 'a/b/x', true], ['a***b', 'a/x/b', true], ['a/**/', 'a/', true], ['a/**/', 'a', false],
    ];
    for (const [glob, path, matches] of cases) it(`${glob} ${matches ? 'matches' : 'does not match'} ${path}`, () => assert.equal(compileGlob(glob).test(path), matches));

    // On the regular expression these took 7.7 s and over 110 s (the extension host froze on a keystroke).
    it('matches patterns made to backtrack without backtracking', () => {
      const deep = Array.from({ length: 25 }, (_, i) => `d${i}`).join('/');
      const folders = compileGlob(`${'**/'.repeat(10)}x`);
      assert.equal(folders.test(`${deep}/x`), true);
      assert.equal(folders.test(`${deep}/y`), false);
      const stars = compileGlob(`${'*a'.repeat(8)}*b`);
      assert.equal(stars.test('a'.repeat(60)), false);
      assert.equal(stars.test(`${'a'.repeat(60)}b`), true);
      assert.equal(compileGlob(`${'*'.repeat(40)}.key`).test(`${'k'.repeat(4000)}.ke`), false, 'a run of stars is one star');
    });

    it('matches nested braces by depth', () => {
      const glob = compileGlob('**/{.env,{secrets,keys}/**}');
      for (const path of ['/p/keys/k.txt', '/p/secrets/a/b', '/p/.env', 'keys/k.txt']) assert.equal(glob.test(path), true, path);
      for (const path of ['/p/keysx/k.txt', '/p/key/k.txt', '/p/.envrc', '/p/secrets}']) assert.equal(glob.test(path), false, path);
      assert.equal(compileGlob('a{b,{c,d}e}f').test('adef'), true);
      assert.equal(compileGlob('a{b,{c,d}e}f').test('abef'), false);
    });

    it('refuses a range written backwards, and braces that expand past the bound', () => {
      assert.throws(() => compileGlob('[z-a].txt'), (e: GlobError) => e instanceof GlobError && e.problem === 'range' && e.range === 'z-a');
      assert.throws(() => compileGlob('{a,b}'.repeat(10)), (e: GlobError) => e instanceof GlobError && e.problem === 'size', '1024 alternatives');
      assert.throws(() => compileGlob('x'.repeat(2000)), (e: GlobError) => e instanceof GlobError && e.problem === 'size');
      assert.equal(compileGlob('{a,b}'.repeat(8)).test('abbabaab'), true, '256 alternatives are still matched');
    });
  });
});
