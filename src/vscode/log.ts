import * as vscode from 'vscode';
import type { Logger } from '../core';

/** The core's logger on a LogOutputChannel ("Relay Chat"): levels are the channel's own setting. */
export function channelLogger(channel: vscode.LogOutputChannel): Logger {
  const line = (message: string, fields?: Record<string, unknown>) => (fields && Object.keys(fields).length ? `${message} ${JSON.stringify(fields)}` : message);
  return {
    debug: (m, f) => channel.debug(line(m, f)),
    info: (m, f) => channel.info(line(m, f)),
    warn: (m, f) => channel.warn(line(m, f)),
    error: (m, f) => channel.error(line(m, f)),
  };
}
