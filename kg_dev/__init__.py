"""Developer tools for kg: benchmarks and synthetic corpora, outside the product package.

They add the commands `kg bench` and `kg synth` (`kg_dev.commands`, registered as a `kg.commands`
entry point); nothing in `kg` imports them.
"""
