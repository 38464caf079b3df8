// Every case of the ghost-text quality corpus, behaviour by behaviour.
import { BLOCK_OPENER } from './block-opener';
import type { QualityCase } from './case';
import { BRACKETS } from './brackets';
import { CLEAN } from './clean';
import { ECHOES } from './echoes';
import { FENCES } from './fences';
import { NEXT_LINE } from './next-line';
import { SCOPE } from './scope';
import { SPACES } from './spaces';
import { TAGS } from './tags';

export const QUALITY_CASES: readonly QualityCase[] = [...NEXT_LINE, ...TAGS, ...ECHOES, ...BRACKETS, ...FENCES, ...SPACES, ...SCOPE, ...BLOCK_OPENER, ...CLEAN];
