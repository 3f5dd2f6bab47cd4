# source me: single-thread settings used for every run in this probe
. "$(dirname "${BASH_SOURCE[0]}")/.venv/bin/activate"
export XLA_FLAGS="--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
