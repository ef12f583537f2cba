/** One autocannon run, with every 2xx response time kept (autocannon's own histogram keeps whole milliseconds). */
import autocannon, { type Options } from 'autocannon';

export interface Load {
  /** Response times of 2xx answers, ms (float). */
  latencies: number[];
  ok: number;
  rps: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}

export async function load(options: Options): Promise<Load> {
  const latencies: number[] = [];
  const instance = autocannon({ pipelining: 1, timeout: 10, ...options });
  instance.on('response', (_client, status, _bytes, time) => {
    if (status >= 200 && status < 300) latencies.push(time);
  });
  const result = await instance;
  return {
    latencies,
    ok: result['2xx'],
    rps: result['2xx'] / result.duration,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    duration: result.duration,
  };
}
