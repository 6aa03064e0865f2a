"""Benchmarks (``make bench``): speed, memory and scaling measured against floors in the same run."""
