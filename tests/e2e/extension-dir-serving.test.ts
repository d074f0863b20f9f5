// HM_EXTENSION_DIR: `npm start` (the dashboard built, the simulator embedded) serves another
// built extension through /v1/uiplugins instead of ours (e.g. upstream's, for the bench).
import { EXTENSION_DIR_ENV } from '../../serve/extension-entry';
import { ProductProcess } from '../../drivers/product-process';
import { request } from '../integration/support/front';
import {
  API_RANGE, buildOutput, goodPkg, NAME, removeBuildOutputs, SCRIPT, VERSION,
} from '../integration/support/extension-dir';

afterAll(removeBuildOutputs);

describe(`e2e: npm start with ${ EXTENSION_DIR_ENV }`, () => {
  it('npm start with it serves that extension instead of ours', async() => {
    const product = new ProductProcess({ [EXTENSION_DIR_ENV]: buildOutput(goodPkg) });

    try {
      const { url } = await product.start();
      const index = JSON.parse((await request(`${ url }/v1/uiplugins`)).body);

      expect(index.entries[NAME]).toMatchObject({ version: VERSION, metadata: API_RANGE });
      expect((await request(`${ url }${ index.entries[NAME].endpoint }/${ SCRIPT }`)).body).toBe('/* the other extension */');
    } finally {
      await product.stop();
    }
  }, 120_000);
});
