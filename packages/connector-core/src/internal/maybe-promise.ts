/** A value, or a promise of it (store methods may be sync or async). */
export type MaybePromise<T> = T | Promise<T>;

/** Applies `f` at once to a plain value, or after the promise resolves. Keeps sync stores sync. */
export function andThen<T, R>(value: MaybePromise<T>, f: (t: T) => R): MaybePromise<R> {
  return value instanceof Promise ? value.then(f) : f(value);
}
