// Where two values differ: the keys and elements, one difference a line, and long values
// shortened around the place they differ (never cut inside what they share).
import type { Value } from "../hcl/value.ts";
import type { TfType } from "../terraform/types.ts";
import { sameValue, typeAt } from "../terraform/types_equal.ts";

/** A difference at a path of keys (objects) and indexes (lists); a side absent: not set there. */
export interface Difference {
  keys: Array<string | number>;
  from?: Value;
  to?: Value;
  /** An element only one side's list has (lists of different lengths). */
  element?: boolean;
}

/**
 * The differences of two values of `type` (the one equality: "true" is true for a bool), as deep
 * as both sides are objects or lists.
 */
export function differences(
  a: Value,
  b: Value,
  type?: TfType,
  keys: Array<string | number> = [],
): Difference[] {
  if (sameValue(a, b, type)) return [];
  const at = (k: string | number) => typeAt(type, [k]);
  if (a instanceof Map && b instanceof Map) {
    return [...new Set([...a.keys(), ...b.keys()])].flatMap((k) => {
      if (!a.has(k)) return [{ keys: [...keys, k], to: b.get(k) }];
      if (!b.has(k)) return [{ keys: [...keys, k], from: a.get(k) }];
      return differences(a.get(k)!, b.get(k)!, at(k), [...keys, k]);
    });
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length === b.length) {
      return a.flatMap((x, i) => differences(x, b[i], at(i), [...keys, i]));
    }
    // Lengths differ: the elements only one side has (an element each side has is no difference).
    const only = (xs: Value[], ys: Value[]) => {
      const left = [...ys];
      return xs.filter((x, i) => {
        const j = left.findIndex((y) => sameValue(x, y, at(i)));
        return j < 0 || (left.splice(j, 1), false);
      });
    };
    return [
      ...only(a, b).map((from) => ({ keys, from, element: true })),
      ...only(b, a).map((to) => ({ keys, to, element: true })),
    ];
  }
  return [{ keys, from: a, to: b }];
}

/** A path below a variable as people read it: `.key`, `["key"]`, `[2]`. */
export function subPath(keys: ReadonlyArray<string | number>): string {
  return keys.map((k) =>
    typeof k === "number"
      ? `[${k}]`
      : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k)
      ? `.${k}`
      : `[${JSON.stringify(k)}]`
  ).join("");
}

/**
 * Two texts of at most `max` characters each, cut where they differ: a long shared start becomes
 * "…" and a few characters of context, and each side keeps its first difference.
 */
export function clipPair(a: string, b: string, max = 60): [string, string] {
  if (a.length <= max && b.length <= max) return [a, b];
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const from = common > max / 2 ? common - 10 : 0;
  const clip = (s: string) => {
    const head = from > 0 ? "…" + s.slice(from) : s;
    return head.length > max ? head.slice(0, max - 1) + "…" : head;
  };
  return [clip(a), clip(b)];
}
