// Token counts (issue 21): an image's pixel size from its header, and its tokens by each vendor's rule.
import * as assert from 'node:assert/strict';
import { imageSize } from '../../../../src/core/tokens/image-size';
import { imageTokens } from '../../../../src/core/tokens/image-tokens';

/** A real, valid 1x1 PNG (IHDR, IDAT and IEND with correct CRCs). */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const be16 = (n: number) => [n >> 8, n & 0xff];
const le16 = (n: number) => [n & 0xff, n >> 8];
const le24 = (n: number) => [n & 0xff, (n >> 8) & 0xff, n >> 16];
const text = (s: string) => [...s].map((c) => c.charCodeAt(0));
const bytes = (...parts: number[][]) => Uint8Array.from(parts.flat());

// Made-up 1024x768 headers, only as long as each reader needs.
const PNG_1024 = bytes([0x89], text('PNG\r\n\x1a\n'), [0, 0, 0, 13], text('IHDR'), [0, 0, 4, 0, 0, 0, 3, 0], [8, 6, 0, 0, 0]);
const GIF_1024 = bytes(text('GIF89a'), le16(1024), le16(768), [0xf7, 0, 0]);
// JPEG: SOI, an APP0 segment to skip, then SOF2 (progressive): length, precision, height, width.
const JPEG_1024 = bytes([0xff, 0xd8], [0xff, 0xe0, 0, 16], text('JFIF\0'), new Array<number>(9).fill(0), [0xff, 0xc2, 0, 17, 8], be16(768), be16(1024), [3, 1, 0x22, 0]);
const RIFF = (chunk: string, body: number[]) => bytes(text('RIFF'), [0, 0, 0, 0], text('WEBP'), text(chunk), [0, 0, 0, 0], body);
const WEBP_LOSSY = RIFF('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(1024), ...le16(768)]);
// VP8L: signature 0x2f, then 14 bits width-1, 14 bits height-1.
const vp8l = (1023 | (767 << 14)) >>> 0;
const WEBP_LOSSLESS = RIFF('VP8L', [0x2f, vp8l & 0xff, (vp8l >> 8) & 0xff, (vp8l >> 16) & 0xff, (vp8l >> 24) & 0xff, 0, 0, 0, 0, 0, 0]);
const WEBP_EXTENDED = RIFF('VP8X', [0, 0, 0, 0, ...le24(1023), ...le24(767)]);

describe('tokens: image size and tokens', () => {
  it('reads a real 1x1 PNG', () => assert.deepEqual(imageSize(PNG_1X1), { width: 1, height: 1 }));

  const headers: [string, Uint8Array][] = [['PNG', PNG_1024], ['GIF', GIF_1024], ['JPEG', JPEG_1024], ['WebP lossy', WEBP_LOSSY], ['WebP lossless', WEBP_LOSSLESS], ['WebP extended', WEBP_EXTENDED]];
  for (const [format, data] of headers) {
    it(`reads 1024x768 from a ${format} header`, () => assert.deepEqual(imageSize(data), { width: 1024, height: 768 }));
  }

  it('reads nothing from other bytes or a cut-off header', () => {
    assert.equal(imageSize(bytes(text('not an image at all, just text'))), undefined);
    assert.equal(imageSize(PNG_1024.subarray(0, 20)), undefined);
    assert.equal(imageSize(JPEG_1024.subarray(0, 12)), undefined);
  });

  it('counts 1024x768 by each rule: OpenAI 4 tiles, Claude pixels/750, Gemini 2 tiles', () => {
    assert.equal(imageTokens('o200k', PNG_1024), 85 + 170 * 4);
    assert.equal(imageTokens('cl100k', PNG_1024), 765);
    assert.equal(imageTokens('claude', PNG_1024), Math.ceil((1024 * 768) / 750));
    assert.equal(imageTokens('gemini', PNG_1024), 258 * 2);
    assert.equal(imageTokens('deepseek', PNG_1024), Math.ceil((1024 * 768) / 750), 'the dearest rule');
  });

  it('counts 1x1 as one tile, one token, one small image', () => {
    assert.equal(imageTokens('o200k', PNG_1X1), 255);
    assert.equal(imageTokens('claude', PNG_1X1), 1);
    assert.equal(imageTokens('gemini', PNG_1X1), 258);
  });

  it('scales large images first: 4000x3000 is 1024x768 for OpenAI, 1568x1176 for Claude and 3072x2304 for Gemini', () => {
    const big = bytes([0x89], text('PNG\r\n\x1a\n'), [0, 0, 0, 13], text('IHDR'), [0, 0, 0x0f, 0xa0, 0, 0, 0x0b, 0xb8]);
    assert.equal(imageTokens('o200k', big), 85 + 170 * 4);
    assert.equal(imageTokens('claude', big), Math.ceil((1568 * 1176) / 750));
    assert.equal(imageTokens('gemini', big), 258 * 4 * 3);
  });

  it('bounds what a made-up header can claim: 65535x65535 costs no more than the largest image each vendor takes', () => {
    const huge = bytes([0x89], text('PNG\r\n\x1a\n'), [0, 0, 0, 13], text('IHDR'), [0, 0, 0xff, 0xff, 0, 0, 0xff, 0xff]);
    assert.equal(imageTokens('o200k', huge), 85 + 170 * 4);
    assert.equal(imageTokens('claude', huge), Math.ceil((1568 * 1568) / 750));
    assert.equal(imageTokens('gemini', huge), 258 * 16);
    assert.equal(imageTokens('other', huge), 258 * 16);
  });

  it('counts an image of unknown size as the largest the vendor accepts', () => {
    const unknown = bytes(text('????????????????????????????????'));
    assert.equal(imageTokens('o200k', unknown), 85 + 170 * 8);
    assert.equal(imageTokens('claude', unknown), Math.ceil((1568 * 1568) / 750));
    assert.equal(imageTokens('gemini', unknown), 258 * 16);
  });
});
