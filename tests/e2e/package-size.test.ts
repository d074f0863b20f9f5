import { extensionSize } from '../../bench/extension-size';

// The built extension (build-for-e2e made dist-pkg/ before this project runs) within its size
// budget. Each module swap of pkg/harvester-manager/vue.config.js saves at least 5.4 KB gzip
// (`npm run bench:swaps`), so dropping any one of them overruns the budget.
const BUDGET_GZIP_KB = 220;

describe('the extension package', () => {
  it(`stays within ${ BUDGET_GZIP_KB } KB gzip`, () => {
    const size = extensionSize();

    expect(size.files.length).toBeGreaterThan(0);
    expect(size.gzipKB).toBeLessThanOrEqual(BUDGET_GZIP_KB);
  });
});
