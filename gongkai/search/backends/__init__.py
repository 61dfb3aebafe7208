"""The two search backends behind one interface (ADR 0011)."""
