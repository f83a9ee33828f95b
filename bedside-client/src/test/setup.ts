import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// CI runs the server and client projects side by side on two cores: testing-library's
// default 1 s wait for an element was exceeded once by a scan → 401 → sign-in round trip.
// A longer wait changes nothing for a test whose element never appears: it still fails.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  // Some files run in the node environment (real zxing on real symbols): no storage there.
  if (typeof sessionStorage !== 'undefined') sessionStorage.clear();
  if (typeof localStorage !== 'undefined') localStorage.clear();
});
