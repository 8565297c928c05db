"""The digital twin of the 101 line: a discrete-event model of a month of calls, with and without
the assistant, checked against the Erlang formulas (see docs/contact-twin.md)."""
