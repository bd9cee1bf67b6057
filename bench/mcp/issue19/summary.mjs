import { readFileSync } from "node:fs";
const { results } = JSON.parse(readFileSync(process.argv[2], "utf8"));
const med = (xs) => { const s = xs.filter((v) => v != null).sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null; };
const by = {}; for (const r of results) (by[r.name] ??= []).push(r);
const nodeFirst = med(by["node seq"].map((r) => r.firstCallMs)), nodeP50 = med(by["node seq"].map((r) => r.first500.p50Ms));
console.log(`node echo: first call ${nodeFirst.toFixed(2)} ms (${by["node seq"].map((r) => r.firstCallMs.toFixed(2))}), p50 of 500 ${nodeP50.toFixed(3)} ms (${by["node seq"].map((r) => r.first500.p50Ms.toFixed(3))})`);
for (const name of Object.keys(by).filter((n) => n !== "node seq" && !n.includes("32"))) {
  const f = med(by[name].map((r) => r.firstCallMs)), p = med(by[name].map((r) => r.first500.p50Ms));
  console.log(`${name}: first call ${f.toFixed(2)} ms (${by[name].map((r) => r.firstCallMs.toFixed(1))}) = ${(f / nodeFirst).toFixed(2)}x; p50 of 500 ${p.toFixed(3)} ms (${by[name].map((r) => r.first500.p50Ms.toFixed(3))}) = ${(p / nodeP50).toFixed(2)}x; p99 ${med(by[name].map((r) => r.first500.p99Ms)).toFixed(2)} ms`);
}
for (const name of Object.keys(by).filter((n) => n.includes("32"))) {
  console.log(`${name}: ${Math.round(med(by[name].map((r) => r.callsPerSec)))}/s, p50 ${med(by[name].map((r) => r.all.p50Ms)).toFixed(2)} ms, p99 ${med(by[name].map((r) => r.all.p99Ms)).toFixed(2)} ms`);
}
