// unit-convert: converts between units of the same kind, exactly where the definitions are exact (TypeScript).
import { defineTool } from '@kami/tool';

type Kind = 'length' | 'mass' | 'volume' | 'speed' | 'data' | 'time' | 'temperature';
interface Unit { kind: Kind; factor: number } // factor: how many base units (m, kg, L, m/s, B, s) one is

const table: Record<string, Unit> = {};
function add(kind: Kind, factor: number, ...names: string[]): void {
  for (const n of names) table[n.toLowerCase()] = { kind, factor };
}
add('length', 1, 'm', 'meter', 'meters', 'metre', 'metres');
add('length', 1000, 'km', 'kilometer', 'kilometers');
add('length', 0.01, 'cm', 'centimeter', 'centimeters');
add('length', 0.001, 'mm', 'millimeter', 'millimeters');
add('length', 0.0254, 'in', 'inch', 'inches');
add('length', 0.3048, 'ft', 'foot', 'feet');
add('length', 0.9144, 'yd', 'yard', 'yards');
add('length', 1609.344, 'mi', 'mile', 'miles');
add('length', 1852, 'nmi', 'nautical mile');
add('mass', 1, 'kg', 'kilogram', 'kilograms');
add('mass', 0.001, 'g', 'gram', 'grams');
add('mass', 1000, 't', 'tonne', 'tonnes');
add('mass', 0.45359237, 'lb', 'lbs', 'pound', 'pounds');
add('mass', 0.028349523125, 'oz', 'ounce', 'ounces');
add('volume', 1, 'l', 'liter', 'liters', 'litre', 'litres');
add('volume', 0.001, 'ml', 'milliliter', 'milliliters');
add('volume', 3.785411784, 'gal', 'gallon', 'gallons');
add('volume', 0.946352946, 'qt', 'quart', 'quarts');
add('volume', 0.2365882365, 'cup', 'cups');
add('speed', 1, 'm/s', 'mps');
add('speed', 1000 / 3600, 'km/h', 'kph', 'kmh');
add('speed', 1609.344 / 3600, 'mph');
add('speed', 1852 / 3600, 'kn', 'knot', 'knots');
add('data', 1, 'b', 'byte', 'bytes');
add('data', 1e3, 'kb'); add('data', 1e6, 'mb'); add('data', 1e9, 'gb'); add('data', 1e12, 'tb');
add('data', 2 ** 10, 'kib'); add('data', 2 ** 20, 'mib'); add('data', 2 ** 30, 'gib'); add('data', 2 ** 40, 'tib');
add('time', 1, 's', 'sec', 'second', 'seconds');
add('time', 0.001, 'ms', 'millisecond', 'milliseconds');
add('time', 60, 'min', 'minute', 'minutes');
add('time', 3600, 'h', 'hr', 'hour', 'hours');
add('time', 86400, 'd', 'day', 'days');
add('time', 604800, 'wk', 'week', 'weeks');
for (const t of ['c', 'celsius', 'f', 'fahrenheit', 'k', 'kelvin']) table[t] = { kind: 'temperature', factor: 1 };

const toKelvin: Record<string, (v: number) => number> = { c: (v) => v + 273.15, f: (v) => ((v - 32) * 5) / 9 + 273.15, k: (v) => v };
const fromKelvin: Record<string, (v: number) => number> = { c: (v) => v - 273.15, f: (v) => ((v - 273.15) * 9) / 5 + 32, k: (v) => v };

function lookup(name: string, role: string): Unit {
  const unit = Object.hasOwn(table, name.toLowerCase()) ? table[name.toLowerCase()] : undefined;
  if (!unit) throw new Error(`unknown unit "${name}" in ${role}; known: ${Object.keys(table).filter((k) => k.length <= 4).join(', ')}`);
  return unit;
}

// Rounds away binary noise (0.30000000000000004) while keeping 12 significant digits.
const tidy = (x: number): number => Number.parseFloat(x.toPrecision(12));

export const tool = defineTool({
  name: 'dev.kami.unit-convert',
  description: 'Converts between units',
  version: '1.0.0',
  arguments: [
    { name: 'value', type: 'number', description: 'The amount to convert', required: true },
    { name: 'from', type: 'string', description: 'The unit of value, e.g. km, mi, lb, kg, F, C, GiB, h', required: true },
    { name: 'to', type: 'string', description: 'The unit to convert to (same kind as from)', required: true },
  ],
  run({ value, from, to }) {
    const a = lookup(from, 'from');
    const b = lookup(to, 'to');
    if (a.kind !== b.kind) throw new Error(`cannot convert ${a.kind} (${from}) to ${b.kind} (${to})`);
    if (!Number.isFinite(value)) throw new Error('value must be a finite number');
    let result: number;
    if (a.kind === 'temperature') {
      const k = toKelvin[from.toLowerCase()[0]](value);
      if (k < 0) throw new Error(`${value} ${from} is below absolute zero`);
      result = fromKelvin[to.toLowerCase()[0]](k);
    } else {
      result = (value * a.factor) / b.factor;
    }
    return { value: tidy(result), unit: to, kind: a.kind };
  },
});
