import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/** Tools run by hand, not in `npm test`: screenshots of the survey views and the 10k × 100 timing. */
export default defineConfig({ ...base, testDir: 'tests/tools', retries: 0 });
