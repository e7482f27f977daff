"""The domain: record kinds, validation, derived facts, Vietnamese text. No I/O, no UI."""
