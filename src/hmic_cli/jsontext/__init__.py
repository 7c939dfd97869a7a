"""JSON as text: where a value is (line, column, span), splicing values in, duplicate keys."""
