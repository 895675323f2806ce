"""Regional support rules (seed 000 ①②) as pure Python: caps, team size, periods, hearing, KPIs, stage."""
