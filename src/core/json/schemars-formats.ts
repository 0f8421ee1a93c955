// The numeric formats schemars (the Rust crate rmcp and pmcp derive schemas with) writes on integer and float
// fields: `uint8`, `int64`, `double`, … Ajv knows none of them and warns on every compile ("unknown format
// "uint" ignored"), so a run against an rmcp server printed a warning per field; here each is a range check.
import type Ajv from 'ajv';

const RANGES: Record<string, [number, number]> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
};
const UNBOUNDED_SIGNED = ['int', 'int64', 'int128', 'isize'];
const UNBOUNDED_UNSIGNED = ['uint', 'uint64', 'uint128', 'usize'];
const FLOATS = ['float', 'double'];

/** Adds schemars' numeric formats to an ajv instance. */
export function addSchemarsFormats(ajv: Ajv): Ajv {
  for (const [name, [min, max]] of Object.entries(RANGES)) ajv.addFormat(name, { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= min && n <= max });
  for (const name of UNBOUNDED_SIGNED) ajv.addFormat(name, { type: 'number', validate: (n: number) => Number.isInteger(n) });
  for (const name of UNBOUNDED_UNSIGNED) ajv.addFormat(name, { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
  for (const name of FLOATS) ajv.addFormat(name, { type: 'number', validate: () => true });
  return ajv;
}
