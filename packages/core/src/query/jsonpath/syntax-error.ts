/** A string that is not a JSONPath as AWS (Jayway JsonPath) reads one. */
export class PathSyntaxError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Invalid JSONPath '${path}': ${reason}`);
    this.name = 'PathSyntaxError';
  }
}
