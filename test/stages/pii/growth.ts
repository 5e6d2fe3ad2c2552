/** CPU milliseconds `fn` takes: this process's own time, which other processes' load barely moves. */
function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * How much longer `run` takes on an input four times as long: about 4 when it is linear, 16 when
 * it is quadratic. Each size runs as many times as make the small one take 10 ms, and the fastest
 * of three rounds counts, so neither timer resolution nor bursts of load decide the ratio.
 */
export function growth(make: (n: number) => string, run: (text: string) => unknown, n: number): number {
  const small = make(n);
  const large = make(4 * n);
  let reps = 1;
  const repeated = (text: string) => () => {
    for (let i = 0; i < reps; i++) run(text);
  };
  while (cpuMs(repeated(small)) < 10) reps *= 2;
  const fastest = (text: string) => Math.min(...[0, 1, 2].map(() => cpuMs(repeated(text))));
  return fastest(large) / fastest(small);
}

/** Comfortably above a linear 4, well below a quadratic 16. */
export const LINEAR = 8;
