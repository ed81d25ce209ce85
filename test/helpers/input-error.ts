import { expect } from "vitest";
import { InputError } from "../../src/base/errors.ts";

/** The InputError that `run` throws (fails the test when it returns or throws anything else). */
export function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("expected an InputError, got a result");
}
