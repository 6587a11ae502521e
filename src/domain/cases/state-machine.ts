/** State machines as tables: (from, event) → to. Every transition goes through `transition`. */

export type TransitionTable<State extends string, Event extends string> = readonly {
  readonly from: readonly State[];
  readonly event: Event;
  readonly to: State;
}[];

export class InvalidTransitionError extends Error {
  constructor(
    readonly state: string,
    readonly event: string,
    messageJa: string,
  ) {
    super(messageJa);
  }
}

export function canTransition<State extends string, Event extends string>(
  table: TransitionTable<State, Event>,
  state: State,
  event: Event,
): boolean {
  return table.some((row) => row.event === event && row.from.includes(state));
}

/** The next state, or an InvalidTransitionError with a Japanese message naming state and event. */
export function transition<State extends string, Event extends string>(
  table: TransitionTable<State, Event>,
  state: State,
  event: Event,
  labels: { states: Record<State, string>; events: Record<Event, string>; subject: string },
): State {
  const row = table.find((candidate) => candidate.event === event && candidate.from.includes(state));
  if (!row) {
    throw new InvalidTransitionError(
      state,
      event,
      `${labels.subject}は「${labels.states[state]}」の状態のため、「${labels.events[event]}」はできません。`,
    );
  }
  return row.to;
}
