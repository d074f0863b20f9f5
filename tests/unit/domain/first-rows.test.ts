import { firstRowsCoverPage, firstRowsRequest, pageCount, FIRST_ROWS } from '../../../pkg/harvester-manager/domain/first-rows';

const request = (page: number, pageSize: number) => ({
  page, pageSize, sortFields: ['spec.displayName'], descending: true, searchFields: ['spec.displayName'], searchQuery: 'prod',
});
const slice = (of: ReturnType<typeof request>, page: number) => ({
  ...of, page, pageSize: 20,
});

describe('the first rows of a list page', () => {
  it('are the page\'s first 20 rows as a page of 20, with the same sort and search', () => {
    expect(FIRST_ROWS).toBe(20);
    expect(firstRowsRequest(request(1, 100))).toEqual(slice(request(1, 100), 1));
    // page 3 of 100 starts at row 201: page 11 of 20
    expect(firstRowsRequest(request(3, 100))).toEqual(slice(request(3, 100), 11));
    expect(firstRowsRequest(request(3, 50))).toEqual(slice(request(3, 50), 6));
    // the first page of any larger size
    expect(firstRowsRequest(request(1, 25))).toEqual(slice(request(1, 25), 1));
  });

  it('are not asked for separately when the page is no larger, or does not start on a slice', () => {
    expect(firstRowsRequest(request(1, 20))).toBeNull();
    expect(firstRowsRequest(request(1, 10))).toBeNull();
    // page 2 of 50 starts at row 51, page 2 of 25 at row 26: no page of 20 starts there
    expect(firstRowsRequest(request(2, 50))).toBeNull();
    expect(firstRowsRequest(request(2, 25))).toBeNull();
    // the page size is clamped as the page query clamps it (at most 100)
    expect(firstRowsRequest(request(2, 500))).toEqual(slice(request(2, 500), 6));
    expect(firstRowsRequest({ ...request(0, 100), page: Number.NaN })).toEqual(slice(request(1, 100), 1));
  });

  it('cover the page when no cluster lies beyond them', () => {
    expect(firstRowsCoverPage(request(1, 100), 10)).toBe(true);
    expect(firstRowsCoverPage(request(1, 100), 20)).toBe(true);
    expect(firstRowsCoverPage(request(1, 100), 21)).toBe(false);
    expect(firstRowsCoverPage(request(2, 100), 120)).toBe(true);
    expect(firstRowsCoverPage(request(2, 100), 121)).toBe(false);
  });

  it('count pages of the requested size, not of their own', () => {
    expect(pageCount(request(1, 100), 5000)).toBe(50);
    expect(pageCount(request(1, 100), 5001)).toBe(51);
    expect(pageCount(request(1, 100), 0)).toBe(0);
  });
});
