/**
 * Secrets (stream keys, tokens, app secrets) must never reach output, logs or errors.
 * Everything that prints text built from user config runs it through a Redactor.
 */
export function maskSecret(secret: string | undefined | null): string {
  if (!secret) return '(not set)';
  if (secret.length <= 8) return '****';
  return `${secret.slice(0, 4)}…${'*'.repeat(4)}`;
}

export class Redactor {
  private readonly secrets = new Set<string>();

  add(...secrets: Array<string | undefined | null>): this {
    for (const s of secrets) {
      // Very short values would mask ordinary words; such "secrets" are not worth hiding.
      if (s && s.length >= 4) {
        this.secrets.add(s);
        // Keys also travel URL-encoded inside URLs and query strings.
        const enc = encodeURIComponent(s);
        if (enc !== s) this.secrets.add(enc);
      }
    }
    return this;
  }

  redact(text: string): string {
    let out = text;
    // Longest first so a secret that contains another is masked whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(s).join('****');
    }
    return out;
  }
}

/** rtmp(s)://host/app/KEY -> rtmp(s)://host/app/**** (keeps the part a user recognises). */
export function maskStreamUrl(url: string): string {
  const m = /^(rtmps?:\/\/[^/]+\/[^/?]+)(\/.*)?$/i.exec(url);
  if (!m) return url.replace(/([?&](?:key|token|secret|sign|access_token)=)[^&]*/gi, '$1****');
  return m[2] ? `${m[1]}/****` : (m[1] ?? url);
}
