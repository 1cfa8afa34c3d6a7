// Kept apart from load.ts, which the config reader (loaded on every start) must not pull in.
const BUILTIN_NAME = /^[a-z0-9-]+$/;

/** `default`, `reseller`: a built-in rubric's name, as opposed to a path to a rubric file. */
export function isBuiltinRubricName(ref: string): boolean {
  return BUILTIN_NAME.test(ref);
}
