import { describe, expect, it } from 'vitest';
import { gte } from '../../functions/adapters/aws/semver-gte';

describe("semver's stand-in in the Lambda bundles", () => {
  it('answers gte as semver does for the versions the X-Ray SDK asks about', () => {
    expect(gte('24.11.1', '8.0.0')).toBe(true); // cls-hooked: process.versions.node
    expect(gte('v8.0.0', '8.0.0')).toBe(true);
    expect(gte('7.10.1', '8.0.0')).toBe(false);
    expect(gte('2.7.0', '2.7.15')).toBe(false);
    expect(gte('2.1000.0', '2.7.15')).toBe(true);
  });
});
