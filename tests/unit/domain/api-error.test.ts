import { apiErrorDetail, apiErrorMessage, classifyApiError } from '../../../pkg/harvester-manager/domain';

/** What the shell's store rejects with: Rancher's error body with a hidden `_status`. */
function storeError(status: number, code: string, message: string) {
  const body = {
    type: 'error', status, code, message
  };

  Object.defineProperty(body, '_status', { value: status, enumerable: false });

  return body;
}

describe('domain: api-error', () => {
  it.each([
    [409, 'AlreadyExists', 'alreadyExists'],
    [422, 'NotUnique', 'alreadyExists'],
    [409, 'Conflict', 'conflict'],
    [403, 'Forbidden', 'forbidden'],
    [401, 'Unauthorized', 'unauthorized'],
    [404, 'NotFound', 'notFound'],
    [422, 'InvalidBodyContent', 'invalid'],
    [400, 'BadRequest', 'invalid'],
    [500, 'ServerError', 'server'],
    [503, 'ServiceUnavailable', 'server'],
  ])('HTTP %i %s is %s', (status, code, kind) => {
    expect(classifyApiError(storeError(status, code, 'boom'))).toEqual({
      kind, status, code, detail: 'boom'
    });
  });

  it('reads axios errors that carry the response', () => {
    const err = { message: 'Request failed with status code 403', response: { status: 403, data: { code: 'Forbidden', message: 'clusters is forbidden' } } };

    expect(classifyApiError(err)).toEqual({
      kind: 'forbidden', status: 403, code: 'Forbidden', detail: 'clusters is forbidden'
    });
  });

  it('a lost connection is a network failure, not an unknown one', () => {
    expect(classifyApiError({ code: 'ERR_NETWORK', message: 'Network Error' }).kind).toBe('network');
    expect(classifyApiError(new Error('Network Error')).kind).toBe('network');
    expect(classifyApiError({ code: 'ECONNABORTED', message: 'timeout of 0ms exceeded' }).kind).toBe('network');
  });

  it('anything else is unknown, keeping its text', () => {
    expect(classifyApiError(new Error('waited too long'))).toEqual({
      kind: 'unknown', code: undefined, detail: 'waited too long'
    });
    expect(classifyApiError('plain text')).toEqual({ kind: 'unknown', detail: 'plain text' });
    expect(classifyApiError(undefined)).toEqual({
      kind: 'unknown', code: undefined, detail: ''
    });
  });

  it('apiErrorMessage always passes status and detail', () => {
    expect(apiErrorMessage(storeError(403, 'Forbidden', 'no'))).toEqual({ key: 'harvesterManager.apiError.forbidden', args: { status: 403, detail: 'no' } });
    expect(apiErrorMessage({ code: 'ERR_NETWORK' })).toEqual({ key: 'harvesterManager.apiError.network', args: { status: '', detail: 'ERR_NETWORK' } });
  });

  it('apiErrorDetail falls back to the code, then the status', () => {
    expect(apiErrorDetail(storeError(500, 'ServerError', 'etcd timeout'))).toBe('etcd timeout');
    expect(apiErrorDetail(storeError(500, 'ServerError', ''))).toBe('ServerError');
    expect(apiErrorDetail({ _status: 502 })).toBe('HTTP 502');
  });

  it("Norman's NotUnique has no message: the duplicate name is still named, with the field Rancher blamed", () => {
    // Exactly what Rancher sends: cluster_store.go canUseClusterName + norman's error handler.
    const body = {
      baseType: 'error', type: 'error', status: 422, code: 'NotUnique', fieldName: 'Cluster name', message: '',
    };

    Object.defineProperty(body, '_status', { value: 422, enumerable: false });
    expect(classifyApiError(body)).toMatchObject({
      kind: 'alreadyExists', code: 'NotUnique', fieldName: 'Cluster name', detail: ''
    });
    expect(apiErrorMessage(body)).toEqual({ key: 'harvesterManager.apiError.alreadyExists', args: { status: 422, detail: 'NotUnique (Cluster name)' } });
    expect(apiErrorDetail(body)).toBe('NotUnique (Cluster name)');
  });
});
