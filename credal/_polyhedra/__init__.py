"""Polyhedral algorithms on plain arrays: vertex enumeration (double description), facet
enumeration and redundancy removal, minimal points. Knows nothing about credal sets; uses
the LP layer and :mod:`credal._core`."""
