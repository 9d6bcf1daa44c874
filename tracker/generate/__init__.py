"""Synthetic data at any scale, for benchmarks: `flask --app wsgi generate`.

One organisation with its units, people and ideas spread over every stage, each idea with a
history that follows the transition table, and for the ideas in rollout and later their
benefits, measurements and costs, with every kept figure computed as the services keep it.
Rows go in with bulk inserts of explicit ids, in the order of the foreign keys; a seed gives
the same data every time.
"""
