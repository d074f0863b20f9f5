// Integration tests wait for simulated controllers (registration, delete) in real time.
jest.setTimeout(30_000);
