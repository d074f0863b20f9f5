import { firstRowsCoverPage, firstRowsRequest, pageCount, FIRST_ROWS } from '../../../pkg/harvester-manager/domain/first-rows';

const request = (page: number, pageSize: number) => ({
  page, pageSize, sortFields: ['spec.displayName'], descending: true, searchFields: ['spec.displayName'], searchQuery: 'prod',
});

describe('the first rows of a list page', () => {
  it('are the page\'s first 25 rows as a page of 25, with the same sort and search', () => {
    expect(FIRST_ROWS).toBe(25);
    expect(firstRowsRequest(request(1, 100))).toEqual({
      ...request(1, 100), page: 1, pageSize: 25
    });
    // page 3 of 100 starts at row 201: page 9 of 25
    expect(firstRowsRequest(request(3, 100))).toEqual({
      ...request(3, 100), page: 9, pageSize: 25
    });
    expect(firstRowsRequest(request(2, 50))).toEqual({
      ...request(2, 50), page: 3, pageSize: 25
    });
  });

  it('are not asked for separately when the page is no larger, or would not split into whole slices', () => {
    expect(firstRowsRequest(request(1, 25))).toBeNull();
    expect(firstRowsRequest(request(1, 10))).toBeNull();
    expect(firstRowsRequest(request(1, 60))).toBeNull();
    // the page size is clamped as the page query clamps it (at most 100)
    expect(firstRowsRequest(request(1, 500))).toEqual({
      ...request(1, 500), page: 1, pageSize: 25
    });
    expect(firstRowsRequest({ ...request(0, 100), page: Number.NaN })).toEqual({
      ...request(1, 100), page: 1, pageSize: 25
    });
  });

  it('cover the page when no cluster lies beyond them', () => {
    expect(firstRowsCoverPage(request(1, 100), 10)).toBe(true);
    expect(firstRowsCoverPage(request(1, 100), 25)).toBe(true);
    expect(firstRowsCoverPage(request(1, 100), 26)).toBe(false);
    expect(firstRowsCoverPage(request(2, 100), 125)).toBe(true);
    expect(firstRowsCoverPage(request(2, 100), 126)).toBe(false);
  });

  it('count pages of the requested size, not of their own', () => {
    expect(pageCount(request(1, 100), 5000)).toBe(50);
    expect(pageCount(request(1, 100), 5001)).toBe(51);
    expect(pageCount(request(1, 100), 0)).toBe(0);
  });
});
