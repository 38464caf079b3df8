import { randomUUID } from 'node:crypto';

/** A new chat's or message's id: 16 hex characters (a chat's file is named after its id). */
export const newId = (): string => randomUUID().replace(/-/g, '').slice(0, 16);
