/** Reads a live event stream (GET /api/v1/events, server-sent events) of a signed-in user, event by event. */
import { expect } from 'vitest';

export type StreamEvent = { event: string; data: any };

/** Opens the stream with the session's `token`; `close` ends it from this side. */
export async function openEventStream(baseUrl: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let done = false;

  /** The next event, or null once the server has closed the stream; fails when nothing came by `deadline`. */
  async function next(deadline: number): Promise<StreamEvent | null> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n').filter((line) => !line.startsWith(':'));
        const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length);
        const data = lines.find((line) => line.startsWith('data: '))?.slice('data: '.length);
        if (event && data !== undefined) return { event, data: JSON.parse(data) };
        continue;
      }
      if (done) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no further event, and the stream stayed open; so far: ${buffer}`);
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('the stream stayed open and silent')), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) done = true;
      else buffer += decoder.decode(chunk.value, { stream: true });
    }
  }

  /** The next event within `withinMs`, or null when the server closed the stream. */
  async function nextEvent(withinMs = 5_000): Promise<StreamEvent | null> {
    return next(Date.now() + withinMs);
  }

  /** Every event up to and including the first that matches (fails if the stream ends first or after `withinMs`). */
  async function until(matches: (event: StreamEvent) => boolean, withinMs = 10_000): Promise<StreamEvent[]> {
    const deadline = Date.now() + withinMs;
    const seen: StreamEvent[] = [];
    for (;;) {
      const event = await next(deadline);
      if (event === null) throw new Error(`the stream ended; so far: ${JSON.stringify(seen)}`);
      seen.push(event);
      if (matches(event)) return seen;
    }
  }

  /** Every event until the server closes the stream (fails if it is still open after `withinMs`). */
  async function untilClosed(withinMs = 5_000): Promise<StreamEvent[]> {
    const deadline = Date.now() + withinMs;
    const seen: StreamEvent[] = [];
    for (;;) {
      const event = await next(deadline);
      if (event === null) return seen;
      seen.push(event);
    }
  }

  return { nextEvent, until, untilClosed, close: () => controller.abort() };
}

export type EventStream = Awaited<ReturnType<typeof openEventStream>>;
