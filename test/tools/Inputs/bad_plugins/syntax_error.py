"""A plugin with a syntax error."""

value = (
