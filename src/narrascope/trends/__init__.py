"""Trends: narrative prevalence over time, event windows, opinion polls and their linkage.

- :mod:`.series`: share of articles and hits per 1,000 sentences by period and group;
- :mod:`.windows`: before/after an event, with permutation tests;
- :mod:`.events`: diplomatic events from YAML/CSV;
- :mod:`.polls`: poll series (wide monthly or long waves) and their import;
- :mod:`.linkage`: correlations, lagged cross-correlation and Granger tests with polls;
- :mod:`.stats`: Wilson intervals and the Benjamini–Hochberg correction.
"""

from narrascope.trends.events import load_events
from narrascope.trends.series import FREQS, GROUPS, prevalence, write_frame
from narrascope.trends.stats import benjamini_hochberg, wilson_interval
from narrascope.trends.windows import event_periods, event_window, permutation_p

__all__ = [
    "FREQS",
    "GROUPS",
    "benjamini_hochberg",
    "event_periods",
    "event_window",
    "load_events",
    "permutation_p",
    "prevalence",
    "wilson_interval",
    "write_frame",
]
