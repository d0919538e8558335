"""Speed and scale figures for Camino, each beside a naive baseline measured in the same run.

Figures are reported, never asserted: machines are noisy. `python -m bench --help`.
"""
