// fast-check arbitraries of valid `.tfvars.json` text: any JSON spacing, strings with every kind
// of escape (and "${" / "%{", literal in JSON), numbers in every JSON form, nested values.
import fc from "fast-check";
import { identifier } from "./_generate.ts";

const ws = fc.array(fc.constantFrom(" ", "\t", "\n", "\r\n", "  "), { maxLength: 3 }).map((a) =>
  a.join("")
);

/** A JSON string literal: some characters escaped (\u, short escapes), the rest as they are. */
const jsonString = fc.array(
  fc.oneof(
    fc.constantFrom("a", "Z", " ", "é", "😀", "${x}", "%{y}", '\\"', "\\\\", "\\/", "\\n", "\\t"),
    fc.integer({ min: 0x20, max: 0x2fff }).filter((c) => c !== 0x22 && c !== 0x5c).map((c) =>
      `\\u${c.toString(16).padStart(4, "0")}`
    ),
  ),
  { maxLength: 6 },
).map((parts) => `"${parts.join("")}"`);

const jsonNumber = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.constantFrom("0", "-0", "1E+2", "-0.50e-3", "12345678901234567890123", "1e400"),
);

/** JSON value text: strings with escapes, numbers in every JSON form, nested with any spacing. */
export const { value: jsonValue } = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    jsonString,
    jsonNumber,
    fc.constantFrom("true", "false", "null"),
    fc.array(fc.tuple(ws, tie("value"), ws), { maxLength: 3 }).chain((items) =>
      ws.map((w) => `[${w}${items.map(([a, v, b]) => a + v + b).join(",")}]`)
    ),
    fc.uniqueArray(fc.tuple(jsonString, ws, tie("value")), {
      maxLength: 3,
      selector: ([k]) => JSON.parse(k).normalize("NFC"),
    }).chain((entries) =>
      ws.map((w) => `{${w}${entries.map(([k, a, v]) => `${k}${a}:${w}${v}`).join(`,${w}`)}}`)
    ),
  ),
}));

/** A `.tfvars.json` text of unique identifier keys, and its names in order. */
export const jsonFile = fc.uniqueArray(identifier(), { maxLength: 6 }).chain((names) =>
  fc.tuple(
    fc.tuple(...names.map((n) =>
      fc.tuple(ws, ws, ws, jsonValue).map(([a, b, c, v]) => `${a}"${n}"${b}:${c}${v}`)
    )),
    ws,
    ws,
  ).map(([members, before, after]) => ({
    names,
    text: `${before}{${members.join(",")}${members.length ? "\n" : ""}}${after}`,
  }))
);
