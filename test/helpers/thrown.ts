import { expect } from "vitest";

/** The error of class `type` that `run` throws (fails the test when it returns or throws anything else). */
export function thrownBy<E extends Error>(type: new (...args: never[]) => E, run: () => unknown): E {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return e as E;
  }
  throw new Error(`expected ${type.name} to be thrown, got a result`);
}
