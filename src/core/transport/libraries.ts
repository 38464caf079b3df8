// The transports' third-party libraries, in one module so that the extension's build can bundle
// them apart (dist/transports.js) and load them when the first request needs them; see lazy.ts.
export { Agent, Pool, ProxyAgent, buildConnector, request } from 'undici';
export { default as WebSocket } from 'ws';
export { HttpsProxyAgent } from 'https-proxy-agent';
export { createParser } from 'eventsource-parser';
