import { imageSize, type ImageSize } from './image-size';
import type { TokenFamily } from './token-family';

/**
 * What an image costs in the prompt, by the rule each vendor publishes. An image whose size cannot be
 * read costs the most a shape the vendor accepts can cost (a low count is worse than a high one).
 */
export function imageTokens(family: TokenFamily, data: Uint8Array): number {
  const size = imageSize(data);
  return size ? tokensForSize(family, size) : UNKNOWN_SIZE[family];
}

export function tokensForSize(family: TokenFamily, size: ImageSize): number {
  switch (family) {
    case 'o200k': case 'cl100k': return openAi(size);
    case 'claude': return claude(size);
    case 'gemini': return gemini(size);
    // No published rule (or no images at all): the dearest of the three.
    default: return Math.max(openAi(size), claude(size), gemini(size));
  }
}

/** OpenAI, high detail: fit in 2048x2048, shortest side down to 768, then 170 per 512px tile + 85. */
function openAi({ width, height }: ImageSize): number {
  let scale = Math.min(1, 2048 / Math.max(width, height));
  scale *= Math.min(1, 768 / (Math.min(width, height) * scale));
  const tiles = Math.ceil((width * scale) / 512) * Math.ceil((height * scale) / 512);
  return 85 + 170 * tiles;
}

/** Anthropic: width x height / 750 after scaling the long side down to 1568. */
function claude({ width, height }: ImageSize): number {
  const scale = Math.min(1, 1568 / Math.max(width, height));
  return Math.ceil((width * scale * height * scale) / 750);
}

/**
 * Gemini: 258 for an image within 384x384, else 258 per 768x768 tile of the image scaled down to fit
 * 3072x3072 (as Gemini scales large images first). The scaling also bounds what a made-up header
 * (65535x65535) can claim: one image never fills an agent's whole window.
 */
function gemini({ width, height }: ImageSize): number {
  if (width <= 384 && height <= 384) return 258;
  const scale = Math.min(1, 3072 / Math.max(width, height));
  return 258 * Math.ceil((width * scale) / 768) * Math.ceil((height * scale) / 768);
}

// The dearest plausible image per family: OpenAI's 768x2048 (8 tiles), Claude's 1568x1568, and for
// Gemini (whose tiles never stop) a 3072x3072 screenshot of a large display.
const LARGEST: readonly ImageSize[] = [{ width: 768, height: 2048 }, { width: 1568, height: 1568 }, { width: 3072, height: 3072 }];
const UNKNOWN_SIZE = Object.fromEntries(
  (['o200k', 'cl100k', 'claude', 'gemini', 'deepseek', 'qwen', 'other'] as const)
    .map((f) => [f, Math.max(...LARGEST.map((s) => tokensForSize(f, s)))]),
) as Record<TokenFamily, number>;
