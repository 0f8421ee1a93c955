// One order for names and paths: code units, as `<` compares strings (and as git and Ruff sort paths). It is the
// same on every machine, where localeCompare follows the machine's locale (a check in CI and on a laptop could list
// findings in different orders), and it loads nothing: the first localeCompare of a process builds ICU's collator,
// about 10 ms of a cached check.
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
