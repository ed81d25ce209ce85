/** The calls of a wrapped function, and how many of the first ones throw (and what). */
export interface FailingCalls {
  count: number;
  failures: number;
  error: () => Error;
}

/** `f`, except that its first `calls.failures` calls throw `calls.error()`; every call is counted. */
export function failingFirst<A extends unknown[], R>(f: (...args: A) => R, calls: FailingCalls): (...args: A) => R {
  return (...args) => {
    calls.count++;
    if (calls.count <= calls.failures) throw calls.error();
    return f(...args);
  };
}
