"""Pure calculations of the after-adoption procedures: 加算金 on returned subsidies, report reminders."""
