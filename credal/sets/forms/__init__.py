"""One file per form of a credal set (see :mod:`credal.sets._form`): vertices,
constraints, probability intervals, ε-contamination, TV ball, Wasserstein ball, CVaR set,
belief function."""
