"""Survey presentation: NCHS reliability standards, age bands, small cells and NHANES detection limits.

Modules: :mod:`.standards` (NCHS 2017 proportions, Korn-Graubard intervals, age bands, small-cell
suppression) and :mod:`.detection_limits` (NHANES values below the lower limit of detection).
"""
