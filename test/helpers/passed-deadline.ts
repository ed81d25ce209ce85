import { Deadline } from "../../src/base/budget.ts";

/** A deadline that reports itself passed to every `passed()` poll but never throws from `check()`: reaches the code that stops on a poll. */
export class PassedDeadline extends Deadline {
  constructor() {
    super(0);
  }
  override check(): void {}
}
