import { InputError } from "../../src/base/errors.ts";
import { thrownBy } from "./thrown.ts";

/** The InputError that `run` throws (fails the test when it returns or throws anything else). */
export const inputError = (run: () => unknown): InputError => thrownBy(InputError, run);
