"""Japanese conventions as pure Python (no Django import): dates and fiscal years, business days,
money in yen, identifier normalization and code check digits. Everything else calls these."""
