import { isHostToWebview } from '../shared/protocol';
import { ChatApp, type HostApi } from './app';
import './style.css';

declare function acquireVsCodeApi(): HostApi;

const app = new ChatApp(acquireVsCodeApi(), document.getElementById('app') as HTMLElement);
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // Only the host posts to this window; anything malformed is ignored rather than breaking the panel.
  if (isHostToWebview(event.data)) app.handle(event.data);
});
// The handshake: the host answers with `init` (the active chat, the list, the localised strings).
app.ready();
