/**
 * Bad input from the user (sizes, flags, files, library arguments): the CLI prints the
 * message and exits 2. `field` names the argument at fault (`spec.states`, `tasks[1].given`,
 * `options.seed`) when the input came through the library.
 */
export class InputError extends Error {
  override readonly name: string = "InputError";
  readonly field: string | undefined;
  constructor(message: string, options: { field?: string } = {}) {
    super(message);
    this.field = options.field;
  }
}
