"""The matching engine (pure Python): thesaurus, text, geography and ranking. See ``ranking``."""
