/** "90m", "2h", "1h30m", "45s", "1:30" (h:mm) or plain seconds -> seconds. */
export function parseDuration(raw: string): { ok: true; seconds: number } | { ok: false; message: string } {
  const s = raw.trim().toLowerCase();
  const clock = /^(\d+):([0-5]\d)$/.exec(s);
  if (clock) return { ok: true, seconds: Number(clock[1]) * 3600 + Number(clock[2]) * 60 };
  if (/^\d+$/.test(s)) return { ok: true, seconds: Number(s) };
  const m =
    /^(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+(?:\.\d+)?)\s*m(?:in(?:utes?)?)?)?\s*(?:(\d+)\s*s(?:ec(?:onds?)?)?)?$/.exec(
      s,
    );
  if (!m || s === '' || (!m[1] && !m[2] && !m[3])) {
    return { ok: false, message: `"${raw}" is not a duration (write it like 90m, 2h, 1h30m or 45s)` };
  }
  const seconds = Math.round(Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0));
  if (seconds <= 0) return { ok: false, message: `"${raw}" is zero; a show needs some time` };
  return { ok: true, seconds };
}

export function formatClock(totalS: number): string {
  const s = Math.max(0, Math.round(totalS));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0
    ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`
    : `${m}:${String(sec).padStart(2, '0')}`;
}

export function formatMinutes(totalS: number): string {
  const m = Math.round(totalS / 60);
  return m >= 60 ? `${Math.floor(m / 60)}h${m % 60 ? ` ${m % 60}m` : ''}` : `${m}m`;
}
