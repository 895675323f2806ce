"""junkan (循環): the platform for the Ministry of the Environment's 地域循環共生圏 programs."""
