import os

# One BLAS thread per process. Tests run beside servers, workers and browsers on a couple of
# cores, and numerical libraries' worker threads then spin against each other: fitting the
# small triage model took 257 s with them and 9 s without, on a loaded two-core machine. This
# package is imported before any test module or fixture (so before numpy); subprocesses inherit
# the setting.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
