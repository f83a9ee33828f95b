import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sharedDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('generated files', () => {
  it('match the GS1 Syntax Dictionary in shared/reference and the installed gs1-barcode-parser', () => {
    // The generator in --check mode exits non-zero and names each stale file.
    const run = () =>
      execFileSync(process.execPath, ['--import', 'tsx', join(sharedDir, 'scripts', 'generate.ts'), '--check'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    expect(run).not.toThrow();
    expect(run()).toMatch(/up to date: .*ai-table\.ts[\s\S]*up to date: .*gs1-barcode-parser\.ts/);
  }, 30_000);
});
