// Loaded in every test file (vitest setupFiles): keeps per-test state from leaking between tests.
import { afterEach } from 'vitest';
import { resetClock } from '../../src/lib/clock.js';

afterEach(() => {
  resetClock();
});
