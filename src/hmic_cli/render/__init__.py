"""Output formats: one module each, every one writing a result to a text stream."""
