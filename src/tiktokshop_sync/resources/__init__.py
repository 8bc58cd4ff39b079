"""Resources: one module per TikTok API area, each with a sync and an async class."""
