// A browser journey through the real dashboard takes far longer than jest's 5 s default.
jest.setTimeout(180_000);
