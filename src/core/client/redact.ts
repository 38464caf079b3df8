// Keys must never reach logs, events or error text. Relays sometimes echo the key back
// ("Incorrect API key provided: sk-abc…"), so every outgoing string passes through here.

const KEY_SHAPES = [
  /\bsk-[A-Za-z0-9_-]{8,}/g, // OpenAI-style keys, most relays copy the prefix
  /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /([?&](?:api[_-]?key|key|token|access_token)=)[^&#\s]+/gi,
];

export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    // Very short strings would redact ordinary words; real keys are long.
    if (secret && secret.length >= 6) this.secrets.add(secret);
  }

  apply(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join('[redacted]');
    for (const shape of KEY_SHAPES) {
      out = out.replace(shape, (match, prefix: unknown) => (typeof prefix === 'string' ? `${prefix}[redacted]` : '[redacted]'));
    }
    return out;
  }
}
