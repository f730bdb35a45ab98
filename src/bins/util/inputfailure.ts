/** An input that could not be read part way through a command that reads several, with its name. */
export class InputFailure {
  constructor(
    readonly name: string,
    readonly cause: unknown,
  ) {}
}
