// The one message protocol between the extension host and the chat webview. Filled in by the chat
// panel work; the webview bundle may import only this file.
export type HostToWebview = { type: 'hello'; version: string };
export type WebviewToHost = { type: 'ready' };
