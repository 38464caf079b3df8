/** An image's size in pixels, read from its header. */
export interface ImageSize {
  width: number;
  height: number;
}

/**
 * The pixel size of a PNG, JPEG, GIF or WebP from its first bytes, or undefined for another format or
 * a header too short or damaged to read (the caller then assumes a large image).
 */
export function imageSize(data: Uint8Array): ImageSize | undefined {
  const size = png(data) ?? gif(data) ?? webp(data) ?? jpeg(data);
  return size && size.width > 0 && size.height > 0 ? size : undefined;
}

const u16be = (d: Uint8Array, i: number): number => ((d[i] ?? 0) << 8) | (d[i + 1] ?? 0);
const u16le = (d: Uint8Array, i: number): number => (d[i] ?? 0) | ((d[i + 1] ?? 0) << 8);
const u24le = (d: Uint8Array, i: number): number => u16le(d, i) | ((d[i + 2] ?? 0) << 16);
const u32be = (d: Uint8Array, i: number): number => u16be(d, i) * 0x10000 + u16be(d, i + 2);
const ascii = (d: Uint8Array, i: number, text: string): boolean => [...text].every((c, k) => d[i + k] === c.charCodeAt(0));

// PNG: the signature, then the IHDR chunk: width and height, 4 bytes each, big-endian.
function png(d: Uint8Array): ImageSize | undefined {
  if (d.length < 24 || d[0] !== 0x89 || !ascii(d, 1, 'PNG') || !ascii(d, 12, 'IHDR')) return undefined;
  return { width: u32be(d, 16), height: u32be(d, 20) };
}

// GIF: "GIF87a"/"GIF89a", then the logical screen's width and height, 2 bytes each, little-endian.
function gif(d: Uint8Array): ImageSize | undefined {
  if (d.length < 10 || !ascii(d, 0, 'GIF8')) return undefined;
  return { width: u16le(d, 6), height: u16le(d, 8) };
}

// WebP: RIFF....WEBP and one of three first chunks: lossy (VP8), lossless (VP8L), extended (VP8X).
function webp(d: Uint8Array): ImageSize | undefined {
  if (d.length < 30 || !ascii(d, 0, 'RIFF') || !ascii(d, 8, 'WEBP')) return undefined;
  if (ascii(d, 12, 'VP8 ')) return { width: u16le(d, 26) & 0x3fff, height: u16le(d, 28) & 0x3fff };
  if (ascii(d, 12, 'VP8L')) {
    const bits = (d[21] ?? 0) | ((d[22] ?? 0) << 8) | ((d[23] ?? 0) << 16) | ((d[24] ?? 0) << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (ascii(d, 12, 'VP8X')) return { width: u24le(d, 24) + 1, height: u24le(d, 27) + 1 };
  return undefined;
}

// JPEG: walk the marker segments to the first start-of-frame (SOF0-SOF15 but DHT, JPG and DAC),
// which holds height then width, 2 bytes each, big-endian.
function jpeg(d: Uint8Array): ImageSize | undefined {
  if (d[0] !== 0xff || d[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < d.length) {
    if (d[i] !== 0xff) return undefined;
    const marker = d[i + 1] ?? 0;
    if (marker === 0xff) { i++; continue; } // fill byte
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: u16be(d, i + 7), height: u16be(d, i + 5) };
    }
    i += 2 + u16be(d, i + 2);
  }
  return undefined;
}
