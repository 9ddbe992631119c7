import { describe, expect, it } from 'vitest';
import { smooth } from '../../../../src/promql/engine/functions/smoothing.js';
import { EvalError } from '../../../../src/promql/engine/types.js';
import { evalAt, expand, expectRows, load } from './helpers.js';

describe('double_exponential_smoothing / holt_winters (functions.test)', () => {
  it('follows positive trends', () => {
    const data = load(10_000, {
      'http_requests{job="api-server", instance="0", group="production"}': '0+10x1000 100+30x1000',
      'http_requests{job="api-server", instance="1", group="production"}': '0+20x1000 200+30x1000',
      'http_requests{job="api-server", instance="0", group="canary"}': '0+30x1000 300+80x1000',
      'http_requests{job="api-server", instance="1", group="canary"}': '0+40x2000',
    });
    expectRows(evalAt('double_exponential_smoothing(http_requests[1m], 0.01, 0.1)', data, 8_000_000).samples, {
      '{job="api-server", instance="0", group="production"}': 8000,
      '{job="api-server", instance="1", group="production"}': 16000,
      '{job="api-server", instance="0", group="canary"}': 24000,
      '{job="api-server", instance="1", group="canary"}': 32000,
    });
  });

  it('follows negative trends', () => {
    const data = load(10_000, {
      'http_requests{job="api-server", instance="0", group="production"}': '8000-10x1000',
      'http_requests{job="api-server", instance="1", group="production"}': '0-20x1000',
      'http_requests{job="api-server", instance="0", group="canary"}': '0+30x1000 300-80x1000',
      'http_requests{job="api-server", instance="1", group="canary"}': '0-40x1000 0+40x1000',
    });
    expectRows(evalAt('double_exponential_smoothing(http_requests[1m], 0.01, 0.1)', data, 8_000_000).samples, {
      '{job="api-server", instance="0", group="production"}': 0,
      '{job="api-server", instance="1", group="production"}': -16000,
      '{job="api-server", instance="0", group="canary"}': 24000,
      '{job="api-server", instance="1", group="canary"}': -32000,
    });
  });

  it('holt_winters is the same computation for 2.x targets', () => {
    const data = load(10_000, { x: '0+10x100' });
    expectRows(evalAt('holt_winters(x[1m], 0.5, 0.5)', data, 500_000, { version: '2.55.0' }).samples, { '{}': 500 });
  });

  it('needs two samples', () => {
    expect(smooth(expand('5', 1000), 0.5, 0.5)).toBeUndefined();
  });

  it.each([
    ['double_exponential_smoothing(x[1m], 0, 0.5)', 'invalid smoothing factor. Expected: 0 < sf < 1, got: 0.000000'],
    ['double_exponential_smoothing(x[1m], 1, 0.5)', 'invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000'],
    ['double_exponential_smoothing(x[1m], 0.5, 1.5)', 'invalid trend factor. Expected: 0 < tf < 1, got: 1.500000'],
  ])('rejects %s', (expr, message) => {
    const data = load(10_000, { x: '1 2 3' });
    expect(() => evalAt(expr, data, 20_000)).toThrow(new EvalError(message));
    // No series with samples: no error, like Prometheus (the check runs per series).
    expect(evalAt(expr, data, 600_000).samples).toEqual([]);
  });

  it('lets NaN factors through (Go comparisons with NaN are false)', () => {
    const data = load(10_000, { x: '1 2 3' });
    expect(evalAt('double_exponential_smoothing(x[1m], NaN, 0.5)', data, 20_000).samples[0]?.v).toBeNaN();
  });
});
