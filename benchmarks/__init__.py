"""The benchmark behind ``make bench`` (``python -m lib bench``): benchmark-only code, kept out of ``lib``.

``bench`` times the pipeline, the tagger, the scorers and the notebooks; ``pipeline`` is the batched
per-article pipeline it times; ``scaled`` writes the scaled test corpus it runs on. Results and the commands
that reproduce them: ``benchmarks/README.md``.
"""
