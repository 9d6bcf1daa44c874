"""Comments on ideas: one level of replies, sanitised Markdown, mentions."""
