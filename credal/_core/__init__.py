"""The bottom layer: numbers and their one parser, the arithmetic object, exact linear
algebra, outcome labels and immutability. It imports nothing from credal but
:mod:`credal.errors` and :mod:`credal.tolerance`."""
