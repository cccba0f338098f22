/**
 * Freezes a value all the way down. Used where one object is shared by many readers (a stored
 * plan, a remembered reading of a text), so that code changing it in place fails at once instead
 * of altering what every later reader sees.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key in value) deepFreeze(value[key]);
  return value;
}
