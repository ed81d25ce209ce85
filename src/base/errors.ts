/** Bad input from the user (sizes, flags, files): the CLI prints the message and exits 2. */
export class InputError extends Error {
  override readonly name = "InputError";
}
