"""What the names of measured quantities say, shared by import (reading a plan's targets) and check (judging them),
so that check does not load the whole grammar of targets to ask it."""

from __future__ import annotations

import re

# The one list of metrics where lower is better (a bare figure for them is a ceiling; check judges them so).
LOWER_IS_BETTER = re.compile(r"价格|物价|CPI|指数$|涨幅|失业率|浓度|PM2\.5|PM10|赤字|负债|杠杆|死亡率|发生率|发病率|患病率|事故")
