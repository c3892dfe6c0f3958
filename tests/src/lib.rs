//! End-to-end tests live in `tests/`: bad input, the project's own bank, the seed.
