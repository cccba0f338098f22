/**
 * A value, or a promise of it. The embedded account stores answer from memory at once, and their
 * unit tests call them so; the PostgreSQL ones answer later. Callers always `await`, which takes
 * either, so one interface covers both without making the in-memory code pretend to wait.
 */
export type Awaitable<T> = T | Promise<T>;
