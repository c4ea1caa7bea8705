"""Pure clinical rules: no I/O, no environment, no logging, no engines."""
