import type { WebviewToHost } from '../shared/protocol';

declare function acquireVsCodeApi(): { postMessage(message: WebviewToHost): void };

acquireVsCodeApi().postMessage({ type: 'ready' });
