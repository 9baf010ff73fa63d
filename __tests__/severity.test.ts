import { describe, expect, it } from '@jest/globals';
import { severityFromScore } from '../src/core/severity.js';

describe('severityFromScore', () => {
  it('follows GitHub bands', () => {
    expect(severityFromScore(9.1)).toBe('critical');
    expect(severityFromScore(9.0)).toBe('high');
  });
});
